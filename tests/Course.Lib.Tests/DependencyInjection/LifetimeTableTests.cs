using Course.DependencyInjection;

namespace Course.Lib.Tests.DependencyInjection;

public class LifetimeTableTests
{
    private static LifetimeTable Observed()
    {
        var table = new LifetimeTable();
        foreach (var request in new[] { 1, 2 })
        {
            foreach (var resolution in new[] { 1, 2 })
            {
                table.Observe("Clock", request, resolution, "Clock#1");
                table.Observe("Cart", request, resolution, $"Cart#{request}");
                table.Observe("Stamp", request, resolution, $"Stamp#{(request - 1) * 2 + resolution}");
            }
        }
        return table;
    }

    [Fact]
    public void Verdicts_NameTheLifetimeTheObservationsShow()
    {
        var table = Observed();

        Assert.Equal("singleton", table.Verdict("Clock"));
        Assert.Equal("scoped", table.Verdict("Cart"));
        Assert.Equal("transient", table.Verdict("Stamp"));
    }

    [Fact]
    public void Verdict_IsUnknown_WithTooFewObservations_OrAnImpossiblePattern()
    {
        var table = new LifetimeTable();
        table.Observe("Cart", 1, 1, "Cart#1");
        table.Observe("Cart", 1, 2, "Cart#1");
        Assert.Equal("?", table.Verdict("Cart"));

        // Same in request 1, but shared with request 2's second resolution only: no lifetime does that.
        table.Observe("Cart", 2, 1, "Cart#2");
        table.Observe("Cart", 2, 2, "Cart#1");
        Assert.Equal("?", table.Verdict("Cart"));
        Assert.Equal("?", table.Verdict("Nothing"));
    }

    [Fact]
    public void ToText_HasAHeader_ARule_AndOneRowPerService()
    {
        var lines = Observed().ToText().Split('\n');

        Assert.Equal(5, lines.Length);
        Assert.StartsWith("service", lines[0]);
        Assert.Contains("req 1 · 1st", lines[0]);
        Assert.Contains("req 2 · 2nd", lines[0]);
        Assert.EndsWith("→ lifetime", lines[0]);
        Assert.StartsWith("───", lines[1]);
        Assert.StartsWith("Clock", lines[2]);
        Assert.EndsWith("singleton", lines[2]);
        Assert.Equal(["Cart", "Cart#1", "Cart#1", "Cart#2", "Cart#2", "scoped"], lines[3].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith("transient", lines[4]);
    }

    [Fact]
    public void Observe_RejectsNonsense()
    {
        var table = new LifetimeTable();

        Assert.Throws<ArgumentOutOfRangeException>(() => table.Observe("Cart", 0, 1, "Cart#1"));
        Assert.Throws<ArgumentException>(() => table.Observe("", 1, 1, "Cart#1"));
    }
}
