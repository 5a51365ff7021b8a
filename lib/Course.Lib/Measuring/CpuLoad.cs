using Course.Display;
using System.Globalization;

namespace Course.Measuring;

/// <summary>
/// The CPU time used while something ran: by this process (<see cref="Environment.CpuUsage"/>) and, on Linux, by the
/// whole machine (<c>/proc/stat</c>), so a measurement can tell how many cores it got and how busy the rest of the
/// machine was meanwhile.
/// </summary>
/// <param name="Wall">The elapsed (wall-clock) time.</param>
/// <param name="Process">The CPU time this process used (all its threads).</param>
/// <param name="Machine">The CPU time every process used, or null where the machine's total cannot be read.</param>
[TypeFormatterSource(typeof(MeasurementFormatterSource<CpuLoad>), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public readonly record struct CpuLoad(TimeSpan Wall, TimeSpan Process, TimeSpan? Machine)
{
    /// <summary>How many cores' worth of CPU this process used on average: 1.0 is one core busy the whole time.</summary>
    public double ProcessCores => Wall > TimeSpan.Zero ? Process / Wall : 0;

    /// <summary>How many cores' worth other processes used meanwhile, or null where unknown.</summary>
    public double? OtherCores => Machine is { } machine && Wall > TimeSpan.Zero ? Math.Max(0, (machine - Process) / Wall) : null;

    /// <summary>The cores left for this process: the machine's cores minus what others used (null where unknown).</summary>
    public double? FreeCores => OtherCores is { } others ? Math.Max(0, Environment.ProcessorCount - others) : null;

    /// <summary>
    /// The claim that the work kept at least <paramref name="cores"/> cores busy at once. Shown when this process used
    /// that much CPU per second of wall time; otherwise "too busy to show", with how much the other processes took.
    /// </summary>
    public Verdict ClaimAtLeastCores(string claim, double cores) =>
        Verdict.For(claim, ProcessCores >= cores, string.Create(CultureInfo.InvariantCulture, $"{ToString()}; the claim needs {cores:0.0}"));

    /// <summary>
    /// The claim that the work kept at most <paramref name="cores"/> cores busy (one lock, one thread). A busy machine can
    /// only lower what this process gets, so the claim is shown whenever the numbers are at or below it.
    /// </summary>
    public Verdict ClaimAtMostCores(string claim, double cores) =>
        Verdict.For(claim, ProcessCores <= cores, string.Create(CultureInfo.InvariantCulture, $"{ToString()}; the claim allows {cores:0.0}"));

    /// <summary>"this process used 1.9 cores, other processes 0.1, of 2".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"this process used {ProcessCores:0.0} cores") +
        (OtherCores is { } others ? string.Create(CultureInfo.InvariantCulture, $", other processes {others:0.0}, of {Environment.ProcessorCount}") : "");
}

/// <summary>Takes the CPU readings that <see cref="CpuLoad"/> is the difference of.</summary>
internal readonly record struct CpuReading(long Timestamp, TimeSpan Process, TimeSpan? Machine)
{
    public static CpuReading Now(TimeProvider time) => new(time.GetTimestamp(), Environment.CpuUsage.TotalTime, MachineCpuTime());

    public CpuLoad Since(CpuReading start, TimeProvider time) => new(
        time.GetElapsedTime(start.Timestamp, Timestamp),
        Process - start.Process,
        Machine is { } end && start.Machine is { } begin ? end - begin : null);

    // The first line of /proc/stat: "cpu  user nice system idle iowait irq softirq steal …" in clock ticks (USER_HZ, 100 on Linux).
    private static TimeSpan? MachineCpuTime()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }
        try
        {
            using var reader = new StreamReader("/proc/stat");
            var fields = reader.ReadLine()?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields is not { Length: > 8 } || fields[0] != "cpu")
            {
                return null;
            }
            long busy = 0;
            foreach (var index in new[] { 1, 2, 3, 6, 7, 8 }) // user, nice, system, irq, softirq, steal (not idle, iowait)
            {
                busy += long.Parse(fields[index], CultureInfo.InvariantCulture);
            }
            return TimeSpan.FromMilliseconds(busy * 10);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or OverflowException)
        {
            return null;
        }
    }
}
