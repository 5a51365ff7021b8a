namespace Course.Measuring;

/// <summary>
/// Measures work the way a notebook cell should: a warm-up run first (JIT, caches, connection pools), then several
/// counted runs — two pieces of work in alternation — with the CPU this process and the machine used meanwhile. The
/// results turn into a <see cref="Verdict"/> that states the cell's claim only when the numbers support it.
/// </summary>
/// <example>
/// <code>
/// var timing = await Measure.CompareAsync(
///     "page only", () => PageAsync(includeTotal: false),
///     "page + COUNT(*)", () => PageAsync(includeTotal: true));
/// timing.ClaimSlower("the page with its total takes longer than the page alone")
/// // ✔ the page with its total takes longer than the page alone: page + COUNT(*) took 1.8× as long as page only (…)
/// </code>
/// </example>
public static class Measure
{
    /// <summary>How many runs are counted when a cell does not say: enough for a best and a median, few enough to be quick.</summary>
    public const int DefaultRuns = 7;

    /// <summary>Times <paramref name="work"/>: one warm-up run, then <paramref name="runs"/> counted runs.</summary>
    /// <param name="name">What the work is, as the results name it.</param>
    /// <param name="work">The work to time.</param>
    /// <param name="runs">How many runs are counted.</param>
    /// <param name="progress">Told after each run which run it was and how long it took, for a cell that shows its progress
    /// (<c>var status = display("measuring…");</c> then <c>progress: status.Update</c>).</param>
    /// <param name="cancellationToken">Stops between two runs.</param>
    public static async Task<Timing> TimeAsync(string name, Func<Task> work, int runs = DefaultRuns, Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var comparison = await RunAsync([(name, work)], runs, TimeProvider.System, progress, cancellationToken).ConfigureAwait(false);
        return comparison[0];
    }

    /// <summary>Times <paramref name="work"/> (synchronous work): one warm-up run, then <paramref name="runs"/> counted runs.</summary>
    public static Timing Time(string name, Action work, int runs = DefaultRuns, Action<string>? progress = null) =>
        TimeAsync(name, Synchronous(work), runs, progress).GetAwaiter().GetResult();

    /// <summary>
    /// Times <paramref name="a"/> and <paramref name="b"/> in alternation: a warm-up run of each, then
    /// <paramref name="runs"/> counted pairs (A then B), so that a busy moment of the machine slows both.
    /// </summary>
    /// <param name="nameA">What <paramref name="a"/> is.</param>
    /// <param name="a">The first piece of work.</param>
    /// <param name="nameB">What <paramref name="b"/> is.</param>
    /// <param name="b">The second piece of work.</param>
    /// <param name="runs">How many runs of each are counted.</param>
    /// <param name="progress">Told after each run which run it was and how long it took (see <see cref="TimeAsync"/>).</param>
    /// <param name="cancellationToken">Stops between two runs.</param>
    public static async Task<Comparison> CompareAsync(string nameA, Func<Task> a, string nameB, Func<Task> b, int runs = DefaultRuns,
        Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var start = CpuReading.Now(TimeProvider.System);
        var timings = await RunAsync([(nameA, a), (nameB, b)], runs, TimeProvider.System, progress, cancellationToken).ConfigureAwait(false);
        return new Comparison(timings[0], timings[1], CpuReading.Now(TimeProvider.System).Since(start, TimeProvider.System));
    }

    /// <summary>Times synchronous <paramref name="a"/> and <paramref name="b"/> in alternation, as <see cref="CompareAsync"/> does.</summary>
    public static Comparison Compare(string nameA, Action a, string nameB, Action b, int runs = DefaultRuns, Action<string>? progress = null) =>
        CompareAsync(nameA, Synchronous(a), nameB, Synchronous(b), runs, progress).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="work"/> once and returns the CPU it and the rest of the machine used meanwhile.</summary>
    public static async Task<CpuLoad> LoadAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var start = CpuReading.Now(TimeProvider.System);
        await work().ConfigureAwait(false);
        return CpuReading.Now(TimeProvider.System).Since(start, TimeProvider.System);
    }

    /// <summary>Runs synchronous <paramref name="work"/> once and returns the CPU used meanwhile.</summary>
    public static CpuLoad Load(Action work) => LoadAsync(Synchronous(work)).GetAwaiter().GetResult();

    /// <summary>One warm-up run of each piece of work, then the counted runs in rounds (each piece once per round).</summary>
    internal static async Task<Timing[]> RunAsync(IReadOnlyList<(string Name, Func<Task> Work)> works, int runs, TimeProvider time,
        Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        foreach (var (name, work) in works)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name);
            ArgumentNullException.ThrowIfNull(work);
            var warmUp = time.GetTimestamp();
            await work().ConfigureAwait(false); // the warm-up: not counted
            progress?.Invoke($"warm-up of {name}: {Timing.Format(time.GetElapsedTime(warmUp))}");
        }
        var times = works.Select(_ => new List<TimeSpan>(runs)).ToArray();
        var starts = new CpuReading[works.Count];
        var used = new (TimeSpan Wall, TimeSpan Process, TimeSpan? Machine)[works.Count];
        for (var round = 0; round < runs; round++)
        {
            for (var i = 0; i < works.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                starts[i] = CpuReading.Now(time);
                await works[i].Work().ConfigureAwait(false);
                var load = CpuReading.Now(time).Since(starts[i], time);
                times[i].Add(load.Wall);
                progress?.Invoke($"run {round + 1} of {runs} of {works[i].Name}: {Timing.Format(load.Wall)}");
                used[i] = (used[i].Wall + load.Wall, used[i].Process + load.Process,
                    round == 0 ? load.Machine : used[i].Machine + load.Machine);
            }
        }
        return [.. works.Select((w, i) => new Timing(w.Name, times[i], new CpuLoad(used[i].Wall, used[i].Process, used[i].Machine)))];
    }

    private static Func<Task> Synchronous(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return () =>
        {
            work();
            return Task.CompletedTask;
        };
    }
}
