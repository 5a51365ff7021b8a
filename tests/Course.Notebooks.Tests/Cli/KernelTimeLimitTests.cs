using Course.Cli.Commands;

namespace Course.Notebooks.Tests.Cli;

/// <summary>How <c>course kernel</c> picks its time limit per cell: the option, else COURSE_CELL_TIME_LIMIT, else 2 minutes.</summary>
public sealed class KernelTimeLimitTests
{
    private readonly List<string> _warnings = [];

    private TimeSpan Limit(double? option, string? variable) => KernelCommand.CellTimeLimit(option, variable, _warnings.Add);

    [Fact]
    public void TheOption_WinsOverTheVariable()
    {
        Assert.Equal(TimeSpan.FromSeconds(300), Limit(300, "10"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void TheVariable_AppliesWithoutTheOption_InSeconds_WithADecimalPoint()
    {
        Assert.Equal(TimeSpan.FromSeconds(2.5), Limit(null, "2.5"));
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Zero_MeansNoLimit()
    {
        Assert.Equal(Timeout.InfiniteTimeSpan, Limit(0, null));
        Assert.Equal(Timeout.InfiniteTimeSpan, Limit(null, "0"));
    }

    [Fact]
    public void Neither_GivesTwoMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Limit(null, null));
        Assert.Equal(TimeSpan.FromMinutes(2), Limit(null, " "));
        Assert.Empty(_warnings);
    }

    [Theory]
    [InlineData("ten")]
    [InlineData("-5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void AVariableThatIsNotSeconds_IsReported_AndTheDefaultApplies(string variable)
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Limit(null, variable));
        var warning = Assert.Single(_warnings);
        Assert.Contains(KernelCommand.TimeLimitVariable, warning, StringComparison.Ordinal);
        Assert.Contains(variable, warning, StringComparison.Ordinal);
    }
}
