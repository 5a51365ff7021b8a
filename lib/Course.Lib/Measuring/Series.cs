using System.Globalization;

namespace Course.Measuring;

/// <summary>
/// Several pieces of work timed in rounds — a warm-up run of each, then each once per round, in the order given — so
/// that a busy moment of the machine slows every one of them alike: the same idea as <see cref="Comparison"/>, for a
/// table (a cost at increasing depths, sizes or counts). <see cref="ClaimGrows"/> and <see cref="ClaimFlat"/> turn a
/// row of the table into a <see cref="Verdict"/>; <see cref="Compare"/> pairs two of the pieces for
/// <see cref="Comparison.ClaimSlower"/>.
/// </summary>
/// <example>
/// <code>
/// var table = await Series.MeasureAsync([("offset 1,000", () => Page(1_000)), ("offset 100,000", () => Page(100_000))]);
/// table.ClaimGrows("the offset page costs more the deeper it is", "offset 1,000", "offset 100,000")
/// </code>
/// </example>
/// <param name="Timings">One timing per piece of work, in the order they were given.</param>
/// <param name="Load">The CPU used while all the counted rounds ran.</param>
public sealed record Series(IReadOnlyList<Timing> Timings, CpuLoad Load)
{
    /// <summary>
    /// Times <paramref name="works"/> in rounds: one warm-up run of each, then <paramref name="runs"/> rounds in which
    /// each runs once, in the order given.
    /// </summary>
    /// <param name="works">The pieces of work, each with its own name.</param>
    /// <param name="runs">How many rounds are counted.</param>
    /// <param name="progress">Told after each run which run it was and how long it took (see <see cref="Measure.TimeAsync"/>).</param>
    /// <param name="cancellationToken">Stops between two runs.</param>
    public static async Task<Series> MeasureAsync(IReadOnlyList<(string Name, Func<Task> Work)> works, int runs = Measure.DefaultRuns,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(works);
        if (works.Count == 0 || works.Select(w => w.Name).Distinct(StringComparer.Ordinal).Count() != works.Count)
        {
            throw new ArgumentException("Give at least one piece of work, each with its own name.", nameof(works));
        }
        var start = CpuReading.Now(TimeProvider.System);
        var timings = await Measure.RunAsync(works, runs, TimeProvider.System, progress, cancellationToken).ConfigureAwait(false);
        return new Series(timings, CpuReading.Now(TimeProvider.System).Since(start, TimeProvider.System));
    }

    /// <summary>The timing of the piece of work named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No piece of work has that name.</exception>
    public Timing this[string name] =>
        Timings.FirstOrDefault(t => t.Name == name) ?? throw new KeyNotFoundException($"No piece of work named \"{name}\" was timed.");

    /// <summary>Two of the pieces as a <see cref="Comparison"/> (their runs alternated, round by round).</summary>
    public Comparison Compare(string nameA, string nameB) => new(this[nameA], this[nameB], Load);

    /// <summary>
    /// The claim that the cost grows along <paramref name="names"/>: shown when no best run is faster than the one
    /// before it in that order, and the last is at least <paramref name="atLeast"/> times the first; otherwise "too busy
    /// to show" — so a table that shows the cost falling never comes with the claim that it grows.
    /// </summary>
    /// <param name="claim">The claim in the prose's words.</param>
    /// <param name="names">The pieces of work, in the order the cost should grow (at least two).</param>
    /// <param name="atLeast">How many times the first best run the last one must take (1 when any growth will do).</param>
    public Verdict ClaimGrows(string claim, IReadOnlyList<string> names, double atLeast = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(atLeast, 1.0);
        var bests = Bests(names);
        var neverFalls = bests.Zip(bests.Skip(1)).All(pair => pair.Second >= pair.First);
        var growth = bests[0] > TimeSpan.Zero ? bests[^1] / bests[0] : double.PositiveInfinity;
        return Verdict.For(claim, neverFalls && growth >= atLeast,
            Evidence(names, string.Create(CultureInfo.InvariantCulture, $"; the last took {growth:0.0}× the first")));
    }

    /// <summary>
    /// The claim that the cost stays about the same along <paramref name="names"/>: shown when the slowest best run is
    /// within <paramref name="within"/> times the fastest (1.5: within 50 %).
    /// </summary>
    public Verdict ClaimFlat(string claim, IReadOnlyList<string> names, double within = 1.5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(within, 1.0);
        var bests = Bests(names);
        var spread = bests.Min() > TimeSpan.Zero ? bests.Max() / bests.Min() : double.PositiveInfinity;
        return Verdict.For(claim, spread <= within,
            Evidence(names, string.Create(CultureInfo.InvariantCulture, $"; the slowest took {spread:0.0}× the fastest")));
    }

    /// <summary>Each timing, one per line, and the load.</summary>
    public override string ToString() => string.Join("\n", Timings) + $"\n{Load}";

    private TimeSpan[] Bests(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count < 2)
        {
            throw new ArgumentException("Name at least two pieces of work.", nameof(names));
        }
        return [.. names.Select(name => this[name].Best)];
    }

    private string Evidence(IReadOnlyList<string> names, string detail) =>
        $"best runs {string.Join(" → ", names.Select(name => Timing.Format(this[name].Best)))}{detail} " +
        $"(best of {Timings.Min(t => t.Runs.Count)} rounds each; {Load})";
}
