using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// One of these tests starves the thread pool on purpose (until the runtime reports how it reacts), so they run alone:
/// other test classes would be slowed, and checks that look at pool threads could be misled.
/// </summary>
[CollectionDefinition(nameof(ThreadPoolEventsTests), DisableParallelization = true)]
public class ThreadPoolEventsCollection;

[Collection(nameof(ThreadPoolEventsTests))]
public class ThreadPoolEventsTests
{
    [Fact]
    public async Task PoolThreadsBlockedOnATask_TheRuntimeReportsTheThreadsItAddsWithAReason()
    {
        using var events = ThreadPoolEvents.Start();
        var from = events.Elapsed;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // More blocked work items than the pool lets work, whatever earlier tests left its goal at: every thread that
        // takes one blocks on a task and work stays queued, so the pool raises its goal — for blocking on a task
        // (CooperativeBlocking) or, where it does not compensate, for starvation — and says why.
        var blockers = Enumerable.Range(0, Environment.ProcessorCount * 4 + 64)
            .Select(_ => Task.Run(() => release.Task.Wait()))
            .ToList();
        bool seen;
        try
        {
            // Waits on this (test) thread: a continuation would need a pool thread, and the pool is starved on purpose.
            seen = events.WaitFor(
                a => a.Reason is ThreadPoolAdjustmentReason.CooperativeBlocking or ThreadPoolAdjustmentReason.Starvation,
                TimeSpan.FromSeconds(60));
        }
        finally
        {
            release.SetResult();
            await Task.WhenAll(blockers);   // the pool recovers once the tasks complete
        }

        Assert.True(seen, "no CooperativeBlocking or Starvation adjustment within 60 s:\n" + events);
        var added = events.Since(from).First(a => a.Reason is ThreadPoolAdjustmentReason.CooperativeBlocking or ThreadPoolAdjustmentReason.Starvation);
        Assert.True(added.NewGoal > 0);
        Assert.NotEqual("a reason this course does not know", added.Explanation);
        Assert.Contains(added.Reason.ToString(), ThreadPoolEvents.Table(events.Since(from)));
    }

    [Fact]
    public void WaitFor_GivesUpAfterItsTimeout_WhenNothingMatches()
    {
        using var events = ThreadPoolEvents.Start();

        var seen = events.WaitFor(_ => false, TimeSpan.FromMilliseconds(50));

        Assert.False(seen);
    }

    [Theory]
    [InlineData(6u, ThreadPoolAdjustmentReason.Starvation)]
    [InlineData(8u, ThreadPoolAdjustmentReason.CooperativeBlocking)]
    [InlineData(3, ThreadPoolAdjustmentReason.ClimbingMove)]
    [InlineData("ThreadTimedOut", ThreadPoolAdjustmentReason.ThreadTimedOut)]
    [InlineData(99u, ThreadPoolAdjustmentReason.Unknown)]
    [InlineData("SomethingNew", ThreadPoolAdjustmentReason.Unknown)]
    public void ParseReason_ReadsTheRuntimesNumbersAndNames(object payload, ThreadPoolAdjustmentReason expected) =>
        Assert.Equal(expected, ThreadPoolEvents.ParseReason(payload));

    [Fact]
    public void Table_ShowsGoalChangeAndReason_OneRowPerAdjustment()
    {
        ThreadPoolAdjustment[] adjustments =
        [
            new(TimeSpan.FromMilliseconds(10), 3, ThreadPoolAdjustmentReason.Starvation, 0) { PreviousGoal = 2 },
            new(TimeSpan.FromMilliseconds(600), 2, ThreadPoolAdjustmentReason.CooperativeBlocking, 0) { PreviousGoal = 3 },
        ];

        var lines = ThreadPoolEvents.Table(adjustments).Split('\n');

        Assert.Equal(3, lines.Length);
        Assert.Contains("threads allowed to work", lines[0]);
        Assert.Contains("+1", lines[1]);
        Assert.Contains("Starvation", lines[1]);
        Assert.Contains("-1", lines[2]);
        Assert.Contains("let go", lines[2]);
        Assert.Contains("no adjustments", ThreadPoolEvents.Table([]));
    }
}
