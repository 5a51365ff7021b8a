using Course.Measuring;

namespace Course.Lib.Tests.Measuring;

public class MeasureTests
{
    [Fact]
    public async Task CompareAsync_WarmsUpEachOnce_ThenAlternates()
    {
        var order = new List<string>();

        var comparison = await Measure.CompareAsync(
            "a", () => { order.Add("a"); return Task.CompletedTask; },
            "b", () => { order.Add("b"); return Task.CompletedTask; },
            runs: 3);

        Assert.Equal(["a", "b", "a", "b", "a", "b", "a", "b"], order);
        Assert.Equal(3, comparison.A.Runs.Count);
        Assert.Equal(3, comparison.B.Runs.Count);
    }

    [Fact]
    public async Task CompareAsync_TellsItsProgress_AfterEachRun_InTheOrderTheyRan()
    {
        var told = new List<string>();

        await Measure.CompareAsync("a", () => Task.CompletedTask, "b", () => Task.CompletedTask, runs: 2, progress: told.Add);

        Assert.Equal(["warm-up of a", "warm-up of b", "run 1 of 2 of a", "run 1 of 2 of b", "run 2 of 2 of a", "run 2 of 2 of b"],
            told.Select(line => line[..line.IndexOf(':', StringComparison.Ordinal)]));
        Assert.All(told, line => Assert.Matches(@": \d", line)); // each with the run's time
    }

    [Fact]
    public void Time_CountsRunsAfterTheWarmUp()
    {
        var calls = 0;

        var timing = Measure.Time("work", () => calls++, runs: 5);

        Assert.Equal(6, calls);
        Assert.Equal(5, timing.Runs.Count);
        Assert.All(timing.Runs, run => Assert.True(run >= TimeSpan.Zero));
    }

    [Fact]
    public void Load_SeesTheCpuOfABusyLoop()
    {
        // Deterministic on any machine: a loop that spins for 200 ms of wall time uses some CPU, and never more than the machine has.
        var load = Measure.Load(() =>
        {
            var until = Environment.TickCount64 + 200;
            while (Environment.TickCount64 < until)
            {
            }
        });

        Assert.True(load.Wall >= TimeSpan.FromMilliseconds(190), load.ToString());
        Assert.True(load.Process > TimeSpan.Zero, load.ToString());
        Assert.True(load.ProcessCores <= Environment.ProcessorCount + 0.5, load.ToString());
    }

    [Fact]
    public async Task RunAsync_RefusesNoRuns() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Measure.TimeAsync("work", () => Task.CompletedTask, runs: 0));
}
