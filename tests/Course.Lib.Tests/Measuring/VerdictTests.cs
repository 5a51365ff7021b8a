using Course.Measuring;

namespace Course.Lib.Tests.Measuring;

public class VerdictTests
{
    private static readonly CpuLoad s_quiet = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.05));

    private static Timing Runs(string name, params double[] milliseconds) =>
        new(name, [.. milliseconds.Select(TimeSpan.FromMilliseconds)], s_quiet);

    [Fact]
    public void Given_IsNotShown_WhenThePrerequisiteWasNot_WhateverItsOwnNumbers()
    {
        var first = Verdict.For("without the lock, several cores", supported: false, "this process used 1.0 cores");
        var second = Verdict.For("with the lock, about one", supported: true, "this process used 0.9 cores");

        var verdict = second.Given(first);

        Assert.False(verdict.Shown);
        Assert.StartsWith("Too busy to show that with the lock, about one on this run: this process used 0.9 cores; this means something only", verdict.Text);
        Assert.Same(second, second.Given(Verdict.For("without the lock, several cores", supported: true, "1.9 cores")));
    }

    [Fact]
    public void ClaimSlower_IsShown_WhenTheBestRunsAndThePairsAgree()
    {
        var comparison = new Comparison(Runs("page", 1.0, 1.1, 1.0, 1.2, 1.0), Runs("page + count", 2.0, 2.1, 1.9, 2.2, 2.0), s_quiet);

        var verdict = comparison.ClaimSlower("the count costs extra");

        Assert.True(verdict.Shown);
        Assert.StartsWith("✔ the count costs extra: page + count took 1.9× as long as page", verdict.Text);
    }

    [Fact]
    public void ClaimSlower_SaysTooBusy_NeverTheOpposite_WhenTheRunsShowBFaster()
    {
        // A busy machine slowed A's runs: B looks faster. The verdict must not claim either way.
        var comparison = new Comparison(Runs("page", 3.0, 2.5, 2.8), Runs("page + count", 2.0, 2.1, 1.9), s_quiet);

        var verdict = comparison.ClaimSlower("the count costs extra");

        Assert.False(verdict.Shown);
        Assert.StartsWith("Too busy to show that the count costs extra on this run: page + count took 0.8× as long as page", verdict.Text);
        Assert.EndsWith("Rerun the cell when the machine is quieter.", verdict.Text);
    }

    [Fact]
    public void ClaimSlower_IsNotShown_WhenTheBestRunsDifferButThePairsDisagree()
    {
        // B's best is 2× A's best, but B was slower in only 2 of 4 pairs: one lucky A run is not evidence.
        var comparison = new Comparison(Runs("a", 1.0, 5.0, 5.0, 1.0), Runs("b", 2.0, 4.0, 4.0, 2.0), s_quiet);

        Assert.Equal(0.5, comparison.BSlowerInPairs);
        Assert.False(comparison.ClaimSlower("b costs more").Shown);
    }

    [Theory]
    [InlineData(4.9, false)]
    [InlineData(5.0, true)]
    public void ClaimSlower_NeedsTheRatioItNames(double bMilliseconds, bool shown)
    {
        var comparison = new Comparison(Runs("a", 1, 1, 1), Runs("b", bMilliseconds, bMilliseconds, bMilliseconds), s_quiet);

        Assert.Equal(shown, comparison.ClaimSlower("b takes five times as long", atLeast: 5).Shown);
    }

    [Theory]
    [InlineData(1.2, true)]
    [InlineData(0.81, true)]
    [InlineData(1.3, false)]
    [InlineData(0.7, false)]
    public void ClaimAboutTheSame_IsShownOnlyWithinTheBand(double ratio, bool shown)
    {
        var comparison = new Comparison(Runs("a", 10, 10), Runs("b", 10 * ratio, 10 * ratio), s_quiet);

        Assert.Equal(shown, comparison.ClaimAboutTheSame("they cost the same").Shown);
    }

    [Fact]
    public void CoreClaims_ReadTheCpuThisProcessGot()
    {
        var busyElsewhere = new CpuLoad(Wall: TimeSpan.FromSeconds(1), Process: TimeSpan.FromSeconds(0.9), Machine: TimeSpan.FromSeconds(2.0));

        Assert.False(busyElsewhere.ClaimAtLeastCores("four threads keep several cores busy", 1.5).Shown);
        Assert.True(busyElsewhere.ClaimAtMostCores("one lock keeps one core busy", 1.2).Shown);
        Assert.Equal(0.9, busyElsewhere.ProcessCores, precision: 6);
        Assert.Equal(1.1, busyElsewhere.OtherCores!.Value, precision: 6);
        Assert.Contains("too busy", busyElsewhere.ClaimAtLeastCores("x", 1.5).Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Timing_GivesBestMedianAndSpread()
    {
        var timing = Runs("work", 4, 2, 8, 3);

        Assert.Equal(TimeSpan.FromMilliseconds(2), timing.Best);
        Assert.Equal(TimeSpan.FromMilliseconds(3.5), timing.Median);
        Assert.Equal(4.0, timing.Spread);
        Assert.Equal("work: best 2.00 ms, median 3.50 ms (4 runs, spread 4.0×)", timing.ToString());
    }

    [Theory]
    [InlineData(0.000_000_5, "500 ns")]
    [InlineData(0.000_012_3, "12.3 µs")]
    [InlineData(0.004_56, "4.56 ms")]
    [InlineData(1.234, "1.23 s")]
    public void Format_PicksAUnitThatFits(double seconds, string expected) =>
        Assert.Equal(expected, Timing.Format(TimeSpan.FromSeconds(seconds)));
}
