using Course.Concurrency;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// What a burst reports is asserted by counts (requests, handlers held at once), never by durations, so the tests hold
/// on a loaded machine.
/// </summary>
public class RequestBurstsTests
{
    [Fact]
    public async Task SendAsync_CountsHandlersHeldAtOnce_AndStartsEachBurstFromZero()
    {
        using var bursts = new RequestBursts();
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = 0;
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.MapGet("/hold", async () =>
            {
                using (bursts.Blocked())
                {
                    if (Interlocked.Increment(ref entered) == 3)
                    {
                        allIn.SetResult();
                    }
                    await allIn.Task.WaitAsync(TimeSpan.FromSeconds(30));
                }
                return "held";
            });
            app.MapGet("/ping", () => "pong");
        });

        var held = await bursts.SendAsync(api.Client, "/hold", 3);
        var free = await bursts.SendAsync(api.Client, "/ping", 2);

        Assert.Equal(("/hold", 3, 3), (held.Path, held.Requests, held.HeldPeak));
        Assert.Equal(("/ping", 2, 0), (free.Path, free.Requests, free.HeldPeak));
        Assert.True(held.ThreadsBefore >= 1 && held.PeakThreads >= 1);
        Assert.True(held.AllDoneMs >= 0 && held.PingMs >= 0);
        Assert.StartsWith("3 × /hold", held.Line);
        Assert.StartsWith(held.Line + "\nthe runtime's thread-pool adjustments during the burst:", held.Report);
    }

    [Fact]
    public async Task SendAsync_LabelsTheProbeWithThePathItAskedFor()
    {
        using var bursts = new RequestBursts();
        await using var api = await InMemoryServer.StartAsync(app =>
        {
            app.MapGet("/work", () => "done");
            app.MapGet("/health", () => "ok");
        });

        var result = await bursts.SendAsync(api.Client, "/work", 2, probe: "/health");

        Assert.Equal("/health", result.Probe);
        Assert.Contains("   /health took ", result.Line, StringComparison.Ordinal);
        Assert.DoesNotContain("/ping", result.Line, StringComparison.Ordinal);
        Assert.Contains("   /ping took ", (result with { Probe = "/ping" }).Line, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_AddsRisesPerReason_AndMeasuresTheGapsBetweenThem()
    {
        ThreadPoolAdjustment At(int ms, int goal, ThreadPoolAdjustmentReason reason, int previous) =>
            new(TimeSpan.FromMilliseconds(ms), goal, reason, 0) { PreviousGoal = previous };
        var result = new BurstResult("/sleep", 10, 3000, 900, 4, 8, 20, 8,
        [
            At(600, 5, ThreadPoolAdjustmentReason.Starvation, 4),
            At(700, 7, ThreadPoolAdjustmentReason.CooperativeBlocking, 5),
            At(1100, 8, ThreadPoolAdjustmentReason.Starvation, 7),
            At(1200, 6, ThreadPoolAdjustmentReason.CooperativeBlocking, 8),
        ]);

        Assert.Equal(2, result.Added(ThreadPoolAdjustmentReason.Starvation));
        Assert.Equal(2, result.Added(ThreadPoolAdjustmentReason.CooperativeBlocking));
        Assert.Equal([TimeSpan.FromMilliseconds(500)], result.Gaps(ThreadPoolAdjustmentReason.Starvation));
        Assert.Empty(result.Gaps(ThreadPoolAdjustmentReason.ClimbingMove));
        Assert.Equal(2, result.For(ThreadPoolAdjustmentReason.Starvation).Count);
    }
}
