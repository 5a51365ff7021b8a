using Course.Measuring;

namespace Course.Lib.Tests.Measuring;

public class SeriesTests
{
    private static readonly CpuLoad s_quiet = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.05));

    private static Timing Runs(string name, params double[] milliseconds) =>
        new(name, [.. milliseconds.Select(TimeSpan.FromMilliseconds)], s_quiet);

    private static Series Table(params Timing[] timings) => new(timings, s_quiet);

    [Fact]
    public async Task MeasureAsync_WarmsUpEachOnce_ThenRunsRounds()
    {
        var order = new List<string>();
        Func<Task> Work(string name) => () => { order.Add(name); return Task.CompletedTask; };

        var series = await Series.MeasureAsync([("a", Work("a")), ("b", Work("b")), ("c", Work("c"))], runs: 2);

        Assert.Equal(["a", "b", "c", "a", "b", "c", "a", "b", "c"], order);
        Assert.Equal(["a", "b", "c"], series.Timings.Select(t => t.Name));
        Assert.All(series.Timings, t => Assert.Equal(2, t.Runs.Count));
    }

    [Fact]
    public async Task MeasureAsync_RefusesTwoPiecesWithOneName() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Series.MeasureAsync([("a", () => Task.CompletedTask), ("a", () => Task.CompletedTask)], runs: 1));

    [Fact]
    public void ClaimGrows_IsShown_WhenTheBestRunsNeverFall()
    {
        var series = Table(Runs("0", 0.2, 0.1), Runs("1,000", 0.3, 0.15), Runs("100,000", 9, 12));

        var verdict = series.ClaimGrows("the offset page costs more the deeper it is", ["0", "1,000", "100,000"], atLeast: 10);

        Assert.True(verdict.Shown);
        Assert.StartsWith("✔ the offset page costs more the deeper it is: best runs 100.0 µs → 150.0 µs → 9.00 ms; the last took 90.0× the first", verdict.Text);
    }

    [Fact]
    public void ClaimGrows_SaysTooBusy_NeverTheOpposite_WhenABestRunFalls()
    {
        // A busy moment slowed every run at 100,000: the table shows the cost falling from 100,000 to 199,980.
        var series = Table(Runs("0", 0.1), Runs("100,000", 29.2), Runs("199,980", 22.5));

        var verdict = series.ClaimGrows("the offset page costs more the deeper it is", ["0", "100,000", "199,980"]);

        Assert.False(verdict.Shown);
        Assert.StartsWith("Too busy to show that the offset page costs more the deeper it is on this run", verdict.Text);
    }

    [Theory]
    [InlineData(9.9, false)]
    [InlineData(10.0, true)]
    public void ClaimGrows_NeedsTheGrowthItNames(double lastMilliseconds, bool shown) =>
        Assert.Equal(shown, Table(Runs("first", 1), Runs("last", lastMilliseconds)).ClaimGrows("grows tenfold", ["first", "last"], atLeast: 10).Shown);

    [Theory]
    [InlineData(0.14, true)]
    [InlineData(0.16, false)]
    public void ClaimFlat_IsShownOnlyWithinTheBand(double slowestMilliseconds, bool shown)
    {
        var series = Table(Runs("0", 0.1), Runs("1,000", 0.12), Runs("199,980", slowestMilliseconds));

        Assert.Equal(shown, series.ClaimFlat("the keyset page costs the same at any depth", ["0", "1,000", "199,980"], within: 1.5).Shown);
    }

    [Fact]
    public void Compare_PairsTwoPiecesRoundByRound()
    {
        var series = Table(Runs("keyset", 0.1, 0.1, 0.1), Runs("offset", 20, 21, 22));

        var comparison = series.Compare("keyset", "offset");

        Assert.Equal(200, comparison.Ratio, precision: 6);
        Assert.True(comparison.ClaimSlower("offset costs more", atLeast: 10).Shown);
    }

    [Fact]
    public void Indexer_NamesWhatIsMissing() =>
        Assert.Contains("\"nope\"", Assert.Throws<KeyNotFoundException>(() => Table(Runs("a", 1))["nope"]).Message);
}
