using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Sessions;

/// <summary>Time limits, interrupts and runaway recursion really stop a cell, and the session survives when it can.</summary>
public class StoppingCellsTests
{
    private static readonly TimeSpan Short = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) ;")]
    [InlineData("void Spin() { while (true) { } }\nSpin();")]
    [InlineData("try { while (true) {} } catch (Exception) { Console.WriteLine(\"swallowed\"); }")]
    [InlineData("await Task.Run(() => { while (true) { } });")]
    public async Task EndlessLoop_EndsWithATimeLimitError_AndTheSessionKeepsItsState(string code)
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("var kept = \"state\";");

        var result = await session.RunAsync(code, Short);
        var after = await session.RunAsync("kept");

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Equal(ErrorKind.TimeLimit, result.Error?.Kind);
        Assert.Contains("time limit of 2 s", result.Error!.Message, StringComparison.Ordinal);
        Assert.False(result.Completed.SessionNeedsRestart);
        Assert.Equal("state", after.Result);
    }

    [Fact]
    public async Task TimeLimit_StillWorks_WhenTheCellStarvesTheThreadPool()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("""
            var blockers = Enumerable.Range(0, 200).Select(_ => Task.Run(() => { while (true) { System.Threading.Thread.Sleep(50); } })).ToArray();
            Console.WriteLine("starving");
            while (true) { }
            """, Short);

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.Contains("starving", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeThatIgnoresCancellation_IsReported_AndTheSessionMustRestart()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", Short);

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.True(result.Completed.SessionNeedsRestart);
        Assert.Contains("must be restarted", result.Error!.Message, StringComparison.Ordinal);
        Assert.False(session.IsAlive);
    }

    [Fact]
    public async Task DeepRecursion_EndsWithAClearError_NotACrash()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("int Down(int n) => Down(n + 1) + 1;\nDown(0)");
        var after = await session.RunAsync("1 + 1");

        Assert.Equal(CellStatus.Failed, result.Status);
        Assert.Equal("System.InsufficientExecutionStackException", result.Error?.Name);
        Assert.Contains("recursion", result.Error!.Message, StringComparison.Ordinal);
        Assert.Equal("2", after.Result);
    }

    [Fact]
    public async Task Interrupt_StopsTheRunningCell_AndKeepsTheSession()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("var before = 7;");

        var outputs = new List<CellEvent>();
        await foreach (var cellEvent in session.RunCellAsync("Console.WriteLine(\"running\");\nwhile (true) { }", new CellRunOptions { TimeLimit = Timeout.InfiniteTimeSpan }))
        {
            outputs.Add(cellEvent);
            if (cellEvent is StreamOutput)
            {
                session.Interrupt();
            }
        }
        var after = await session.RunAsync("before");

        var completed = Assert.IsType<CellCompleted>(outputs[^1]);
        Assert.Equal(CellStatus.Interrupted, completed.Status);
        Assert.Contains(outputs, o => o is ErrorOutput { Kind: ErrorKind.Interrupted });
        Assert.Equal("7", after.Result);
    }

    [Fact]
    public async Task CellMetadataLikeLimit_IsPerCell_ALaterCellGetsItsOwnClock()
    {
        await using var session = await TestSessions.StartAsync();

        var slow = await session.RunAsync("await Task.Delay(300); 1", TimeSpan.FromSeconds(30));
        var stopped = await session.RunAsync("while (true) {}", TimeSpan.FromMilliseconds(500));
        var fine = await session.RunAsync("2", TimeSpan.FromSeconds(30));

        Assert.Equal(CellStatus.Ok, slow.Status);
        Assert.Equal(CellStatus.TimedOut, stopped.Status);
        Assert.Contains("time limit of 500 ms", stopped.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(CellStatus.Ok, fine.Status);
    }

    [Fact]
    public async Task TimeLimit_OfALaterCell_DoesNotStopWorkAnEarlierCellLeftRunning()
    {
        await using var session = await TestSessions.StartAsync();
        await session.RunOkAsync("""
            var ticks = 0;
            var worker = new System.Threading.Thread(() => { while (true) { ticks++; System.Threading.Thread.Sleep(10); } }) { IsBackground = true };
            worker.Start();
            """);

        var stopped = await session.RunAsync("while (true) {}", Short);
        var before = await session.RunOkAsync("ticks");
        await Task.Delay(500);
        var after = await session.RunOkAsync("ticks");

        Assert.Equal(CellStatus.TimedOut, stopped.Status);
        Assert.True(session.IsAlive);
        Assert.True(int.Parse(after.Result!) > int.Parse(before.Result!), $"the background loop stopped at {after.Result}");
    }

    [Fact]
    public async Task TimeLimit_CoversFormattingTheResult()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("IEnumerable<int> Naturals() { for (var i = 0; ; i++) yield return i; }\nNaturals().Where(i => i < 0)", Short);

        Assert.Equal(CellStatus.TimedOut, result.Status);
        Assert.True(session.IsAlive);
    }

    [Fact]
    public async Task RecursiveProperty_EndsWithAClearError_NotACrash()
    {
        await using var session = await TestSessions.StartAsync();

        var result = await session.RunAsync("class Loop { public int P => P + 1; }\nnew Loop().P");

        Assert.Equal("System.InsufficientExecutionStackException", result.Error?.Name);
        Assert.True(session.IsAlive);
    }

    [Fact]
    public async Task ReadingOnlyPartOfACellsEvents_StillKeepsTheNextCellsEventsItsOwn()
    {
        await using var session = await TestSessions.StartAsync();

        await foreach (var cellEvent in session.RunCellAsync("Console.WriteLine(\"first\");\nwhile (true) { }", new CellRunOptions { TimeLimit = Timeout.InfiniteTimeSpan }))
        {
            if (cellEvent is StreamOutput)
            {
                break; // the caller walks away from a running cell
            }
        }
        var next = await session.RunAsync("\"second\"");

        Assert.Equal(CellStatus.Ok, next.Status);
        Assert.Equal("second", next.Result);
        Assert.Empty(next.Outputs.OfType<StreamOutput>());
        Assert.Equal(session.ExecutionCount, next.Completed.ExecutionCount);
    }
}
