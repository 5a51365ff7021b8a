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
    public async Task KilledBySigkill_IsExplainedAsALikelyOutOfMemoryKill()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // SIGKILL is a Unix signal: on Windows, Kill() ends a process another way
        }
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("System.Diagnostics.Process.GetCurrentProcess().Kill();\nawait Task.Delay(TimeSpan.FromSeconds(30));", cellNumber: 5);

        Assert.Equal(CellStatus.ProcessEnded, result.Status);
        Assert.Contains("Cell 5 ended the notebook's process (killed by SIGKILL, exit code 137: most likely the system ran out of memory", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeapLimit_ACellThatAllocatesWithoutEnd_GetsOutOfMemory_NamingTheLimit_AndTheProcessLivesOn()
    {
        await using var session = await TestSessions.StartAsync(environment: new Dictionary<string, string?> { ["DOTNET_GCHeapHardLimit"] = "0x10000000" });

        var result = await session.RunAsync("var held = new List<byte[]>();\nwhile (true) held.Add(new byte[1 << 20]);", cellNumber: 3);
        var next = await session.RunAsync("held.Clear(); GC.Collect(); 1 + 1");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("System.OutOfMemoryException", result.Error!.Name);
        Assert.Contains("The notebook's process ran out of memory: its heap may hold at most 0.25 GB", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(CellStatus.Ok, next.Status);
        Assert.True(session.IsAlive);
    }

    [Fact]
    public async Task HeapLimit_ByDefault_IsHalfTheMachinesMemory()
    {
        await using var session = await TestSessions.StartAsync(environment: new Dictionary<string, string?>
        {
            ["DOTNET_GCHeapHardLimit"] = null, ["DOTNET_GCHeapHardLimitPercent"] = null, ["DOTNET_GCHeapHardLimitSOH"] = null,
        });

        var result = await session.RunAsync("GC.GetGCMemoryInfo().TotalAvailableMemoryBytes");

        var limit = long.Parse(result.Result!, System.Globalization.CultureInfo.InvariantCulture);
        var machine = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes; // this test process has no limit of its own
        Assert.InRange((double)limit / machine, 0.45, 0.55);
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
