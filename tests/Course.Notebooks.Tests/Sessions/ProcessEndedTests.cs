using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary>A cell that ends the notebook's process is reported as such, never as a hang.</summary>
public class ProcessEndedTests
{
    [Fact]
    public async Task EnvironmentExit_IsReportedAsTheCellEndingTheProcess()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("Console.WriteLine(\"last words\");\nEnvironment.Exit(3);", cellNumber: 4);

        Assert.Equal(CellStatus.ProcessEnded, result.Status);
        Assert.Contains("last words", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Cell 4 ended the notebook's process (exit code 3", result.Error!.Message, StringComparison.Ordinal);
        Assert.False(session.IsAlive);
    }

    [Fact]
    public async Task StackOverflow_ThroughALambda_IsReportedAsTheCellEndingTheProcess()
    {
        await using var session = await TestSessions.StartAsync();

        // Expression lambdas are not instrumented (they may be expression trees), so this one overflows.
        var result = await session.RunAsync("Func<int, int> down = null!;\ndown = n => down(n + 1) + 1;\ndown(0)", cellNumber: 2);

        Assert.Equal(CellStatus.ProcessEnded, result.Status);
        Assert.Contains("Cell 2 ended the notebook's process", result.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Stack overflow", result.Error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task UnhandledExceptionOnABackgroundThread_IsReportedWithTheException()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("""
            new System.Threading.Thread(() => throw new InvalidOperationException("from a thread")).Start();
            await Task.Delay(TimeSpan.FromSeconds(30));
            """);

        Assert.Equal(CellStatus.ProcessEnded, result.Status);
        Assert.Contains("from a thread", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACellAfterTheProcessEnded_IsNotRun_AndSaysWhy()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunAsync("Environment.Exit(0);");

        var result = await session.RunAsync("1");

        Assert.Equal(CellStatus.ProcessEnded, result.Status);
        Assert.Contains("has ended", result.Error!.Message, StringComparison.Ordinal);
    }
}
