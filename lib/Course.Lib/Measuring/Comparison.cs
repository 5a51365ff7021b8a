using Course.Display;
using System.Globalization;

namespace Course.Measuring;

/// <summary>
/// Two pieces of work timed in alternation (A, B, A, B, …, after a warm-up of each), so that whatever slows the
/// machine down slows both alike. <see cref="Ratio"/> compares their best runs; <see cref="ClaimSlower"/> and
/// <see cref="ClaimAboutTheSame"/> turn the numbers into a <see cref="Verdict"/> that states a claim only when the
/// runs support it.
/// </summary>
/// <param name="A">The first piece of work (the baseline).</param>
/// <param name="B">The second.</param>
/// <param name="Load">The CPU used while all the counted runs ran.</param>
[TypeFormatterSource(typeof(MeasurementFormatterSource<Comparison>), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed record Comparison(Timing A, Timing B, CpuLoad Load)
{
    /// <summary>How many times longer B's best run took than A's: 2.0 means B costs twice as much.</summary>
    public double Ratio => A.Best > TimeSpan.Zero ? B.Best / A.Best : double.PositiveInfinity;

    /// <summary>The share of the pairs (the i-th run of A, the i-th of B, run one after the other) in which B took longer.</summary>
    public double BSlowerInPairs => A.Runs.Zip(B.Runs).Count(pair => pair.Second > pair.First) / (double)Math.Min(A.Runs.Count, B.Runs.Count);

    /// <summary>
    /// The claim that B takes at least <paramref name="atLeast"/> times as long as A. Shown when B's best run is that much
    /// slower than A's and B was slower in at least 80 % of the interleaved pairs; otherwise "too busy to show", with the
    /// numbers and the load — never the opposite claim.
    /// </summary>
    /// <param name="claim">The claim in the prose's words: "page + COUNT(*) takes longer than the page alone".</param>
    /// <param name="atLeast">The smallest ratio that shows the claim (1.1 for "takes longer", 5 for "five times as long").</param>
    public Verdict ClaimSlower(string claim, double atLeast = 1.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atLeast, 1.0);
        var shown = Ratio >= atLeast && BSlowerInPairs >= 0.8;
        return Verdict.For(claim, shown, Evidence($"{B.Name} took {Ratio:0.0}× as long as {A.Name}",
            $"slower in {SlowerPairs} of {Pairs} pairs"));
    }

    /// <summary>
    /// The claim that A and B cost about the same: their best runs within <paramref name="within"/> (1.25: within 25 %)
    /// of each other. When they are not, the machine may have disturbed one of them: "too busy to show".
    /// </summary>
    public Verdict ClaimAboutTheSame(string claim, double within = 1.25)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(within, 1.0);
        var shown = Ratio <= within && Ratio >= 1 / within;
        var close = A.Runs.Zip(B.Runs).Count(pair => pair.First > TimeSpan.Zero
            && pair.Second / pair.First <= within && pair.Second / pair.First >= 1 / within);
        return Verdict.For(claim, shown, Evidence($"{B.Name} took {Ratio:0.00}× as long as {A.Name}",
            string.Create(CultureInfo.InvariantCulture, $"within ±{within - 1:P0} in {close} of {Pairs} pairs")));
    }

    /// <summary>Both timings, the ratio and the load, one per line.</summary>
    public override string ToString() => $"{A}\n{B}\nratio (best B / best A): {Ratio.ToString("0.00", CultureInfo.InvariantCulture)}×; {Load}";

    private int Pairs => Math.Min(A.Runs.Count, B.Runs.Count);

    private int SlowerPairs => A.Runs.Zip(B.Runs).Count(pair => pair.Second > pair.First);

    private string Evidence(string ratio, string pairs) => string.Create(CultureInfo.InvariantCulture,
        $"{ratio} (best of {Pairs} interleaved runs each; {pairs}; {Load})");
}
