using Course.Display;
using System.Globalization;

namespace Course.Measuring;

/// <summary>
/// The times of several runs of one piece of work (after a warm-up run that is not counted), with the CPU the
/// process and the machine used meanwhile. <see cref="Best"/> is the estimate to compare: noise — another process,
/// a garbage collection, a cold cache — only ever adds time, so the fastest run is the closest to the work's own cost.
/// </summary>
/// <param name="Name">What ran, as the table shows it.</param>
/// <param name="Runs">Each counted run's wall-clock time, in the order they ran.</param>
/// <param name="Load">The CPU used while the counted runs ran.</param>
[TypeFormatterSource(typeof(MeasurementFormatterSource<Timing>), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed record Timing(string Name, IReadOnlyList<TimeSpan> Runs, CpuLoad Load)
{
    /// <summary>The fastest run.</summary>
    public TimeSpan Best => Runs.Min();

    /// <summary>The median run.</summary>
    public TimeSpan Median
    {
        get
        {
            var sorted = Runs.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>The slowest run.</summary>
    public TimeSpan Worst => Runs.Max();

    /// <summary>How far the runs spread: the slowest divided by the fastest (1.0 when every run took the same time).</summary>
    public double Spread => Best > TimeSpan.Zero ? Worst / Best : 1;

    /// <summary>"page only: best 1.20 ms, median 1.31 ms (7 runs, spread 1.4×)".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name}: best {Format(Best)}, median {Format(Median)} ({Runs.Count} run{(Runs.Count == 1 ? "" : "s")}, spread {Spread:0.0}×)");

    /// <summary>A duration with a unit that fits it: 850 ns, 12.3 µs, 4.56 ms, 1.23 s.</summary>
    public static string Format(TimeSpan time) => time.TotalSeconds switch
    {
        >= 1 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s"),
        >= 0.001 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMilliseconds:0.00} ms"),
        >= 0.000_001 => string.Create(CultureInfo.InvariantCulture, $"{time.TotalMicroseconds:0.0} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{time.TotalNanoseconds:0} ns"),
    };
}
