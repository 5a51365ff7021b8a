using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Course.Concurrency;

/// <summary>
/// Lets the runtime explain its thread pool: listens in-process to the runtime's own event source
/// (<c>Microsoft-Windows-DotNETRuntime</c>, threading keyword <c>0x10000</c>) and records every
/// <c>ThreadPoolWorkerThreadAdjustment/Adjustment</c> event — each time the pool changes how many worker threads it
/// lets work (its goal), with the reason the runtime gives: starvation, a thread blocked on a task, hill climbing.
/// Dispose it to stop listening; ending a cell with it shows the adjustments as a table.
/// </summary>
/// <example>
/// <code>
/// using var events = ThreadPoolEvents.Start();
/// var from = events.Elapsed;
/// await Task.WhenAll(requests);
/// ThreadPoolEvents.Table(events.Since(from))   // t (ms), goal, change, reason
/// </code>
/// </example>
/// <remarks>
/// The runtime hands events to an in-process listener a little after they happen (up to about a second on a busy
/// machine); <see cref="ThreadPoolAdjustment.At"/> is when the runtime raised the event, not when it arrived.
/// <see cref="WaitFor"/> waits for one to arrive.
/// </remarks>
public sealed class ThreadPoolEvents : EventListener
{
    /// <summary>The runtime's event source, as CoreCLR names it.</summary>
    public const string RuntimeEventSourceName = "Microsoft-Windows-DotNETRuntime";

    /// <summary>The runtime's threading keyword: thread-pool worker threads and their adjustments.</summary>
    public const long ThreadingKeyword = 0x10000;

    /// <summary>The id of <c>ThreadPoolWorkerThreadAdjustmentAdjustment</c> in the runtime's event manifest.</summary>
    public const int AdjustmentEventId = 55;

    // Field initializers run before EventListener's constructor, which may already call OnEventSourceCreated. The events carry
    // DateTime time stamps, so the start is one too.
    private readonly DateTime _startUtc = TimeProvider.System.GetUtcNow().UtcDateTime;
    private readonly object _gate = new();
    private readonly List<ThreadPoolAdjustment> _adjustments = [];

    private ThreadPoolEvents()
    {
    }

    /// <summary>Starts listening now. Adjustments the pool makes from now on are recorded.</summary>
    public static ThreadPoolEvents Start() => new();

    /// <summary>Time since listening started (the clock that <see cref="ThreadPoolAdjustment.At"/> uses).</summary>
    public TimeSpan Elapsed => TimeProvider.System.GetUtcNow().UtcDateTime - _startUtc;

    /// <summary>Every adjustment recorded so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<ThreadPoolAdjustment> Adjustments
    {
        get
        {
            lock (_gate)
            {
                return [.. _adjustments.OrderBy(a => a.At)];
            }
        }
    }

    /// <summary>
    /// The adjustments made at or after <paramref name="from"/> (a value of <see cref="Elapsed"/>), with their times
    /// counted from <paramref name="from"/> and each one's change computed against the goal before it (the last one
    /// before <paramref name="from"/>, when there was one).
    /// </summary>
    public IReadOnlyList<ThreadPoolAdjustment> Since(TimeSpan from)
    {
        var all = Adjustments;
        var before = all.LastOrDefault(a => a.At < from);
        var previousGoal = before?.NewGoal;
        var result = new List<ThreadPoolAdjustment>();
        foreach (var adjustment in all.Where(a => a.At >= from))
        {
            result.Add(adjustment with { At = adjustment.At - from, PreviousGoal = previousGoal });
            previousGoal = adjustment.NewGoal;
        }
        return result;
    }

    /// <summary>
    /// Blocks the calling thread until an adjustment that <paramref name="match"/> accepts has been recorded (one recorded
    /// earlier counts), or until <paramref name="timeout"/> has passed. Returns whether one was seen. It needs no pool
    /// thread to wake up, so it works while the pool is starved — call it from a thread of your own, not a pool thread.
    /// </summary>
    public bool WaitFor(Func<ThreadPoolAdjustment, bool> match, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(match);
        var deadline = TimeProvider.System.GetUtcNow().UtcDateTime + timeout;
        lock (_gate)
        {
            while (!_adjustments.Any(match))
            {
                var left = deadline - TimeProvider.System.GetUtcNow().UtcDateTime;
                if (left <= TimeSpan.Zero)
                {
                    return false;
                }
                Monitor.Wait(_gate, left);
            }
            return true;
        }
    }

    /// <summary>The adjustments recorded so far as a text table.</summary>
    public override string ToString() => Table(Since(TimeSpan.Zero));

    /// <summary>
    /// Formats <paramref name="adjustments"/> as a text table: when, the new goal (worker threads the pool lets work
    /// at once), the change, the runtime's reason and what it means.
    /// </summary>
    public static string Table(IEnumerable<ThreadPoolAdjustment> adjustments)
    {
        ArgumentNullException.ThrowIfNull(adjustments);
        var text = new StringBuilder("    t (ms)  threads allowed to work  change  the runtime's reason\n");
        var rows = 0;
        foreach (var a in adjustments)
        {
            var change = a.Change is { } c ? c.ToString("+0;-0;0", CultureInfo.InvariantCulture) : "";
            text.Append(CultureInfo.InvariantCulture, $"{a.At.TotalMilliseconds,10:0}  {a.NewGoal,23}  {change,6}  {a.Reason}: {a.Explanation}\n");
            rows++;
        }
        if (rows == 0)
        {
            text.Append("    (no adjustments: the pool did not change how many threads it lets work)\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    /// <inheritdoc/>
    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeEventSourceName)
        {
            EnableEvents(eventSource, EventLevel.Informational, (EventKeywords)ThreadingKeyword);
        }
    }

    /// <inheritdoc/>
    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AdjustmentEventId && eventData.EventName != "ThreadPoolWorkerThreadAdjustmentAdjustment")
        {
            return;
        }
        if (TryRead(eventData, _startUtc) is not { } adjustment)
        {
            return;
        }
        lock (_gate)
        {
            _adjustments.Add(adjustment);
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Reads one adjustment event's payload (NewWorkerThreadCount, Reason, AverageThroughput).</summary>
    internal static ThreadPoolAdjustment? TryRead(EventWrittenEventArgs eventData, DateTime startUtc)
    {
        if (eventData.PayloadNames is not { } names || eventData.Payload is not { } values)
        {
            return null;
        }
        object? Value(string name)
        {
            var index = names.IndexOf(name);
            return index >= 0 && index < values.Count ? values[index] : null;
        }
        if (Value("NewWorkerThreadCount") is not { } goal || Value("Reason") is not { } reason)
        {
            return null;
        }
        var at = eventData.TimeStamp.ToUniversalTime() - startUtc;
        var throughput = Value("AverageThroughput") is { } t ? Convert.ToDouble(t, CultureInfo.InvariantCulture) : 0;
        return new ThreadPoolAdjustment(at < TimeSpan.Zero ? TimeSpan.Zero : at, Convert.ToInt32(goal, CultureInfo.InvariantCulture),
            ParseReason(reason), throughput);
    }

    /// <summary>The reason as the runtime's payload carries it: a number (the manifest's map) or, from some sources, its name.</summary>
    internal static ThreadPoolAdjustmentReason ParseReason(object reason) => reason switch
    {
        string name when Enum.TryParse<ThreadPoolAdjustmentReason>(name, ignoreCase: true, out var parsed) => parsed,
        string => ThreadPoolAdjustmentReason.Unknown,
        _ => Convert.ToInt64(reason, CultureInfo.InvariantCulture) is var number && Enum.IsDefined((ThreadPoolAdjustmentReason)number)
            ? (ThreadPoolAdjustmentReason)number
            : ThreadPoolAdjustmentReason.Unknown,
    };
}

/// <summary>
/// Why the thread pool changed its goal, numbered as the runtime's <c>NativeRuntimeEventSource.ThreadAdjustmentReasonMap</c>
/// (dotnet/runtime, System.Private.CoreLib) numbers the <c>Reason</c> field of the adjustment event.
/// </summary>
public enum ThreadPoolAdjustmentReason
{
    /// <summary>Hill climbing's first samples.</summary>
    Warmup = 0,

    /// <summary>Hill climbing starting up.</summary>
    Initializing = 1,

    /// <summary>Hill climbing tried a random count.</summary>
    RandomMove = 2,

    /// <summary>Hill climbing moved towards the count with the best throughput.</summary>
    ClimbingMove = 3,

    /// <summary>Hill climbing saw the throughput change and started again.</summary>
    ChangePoint = 4,

    /// <summary>Hill climbing settled.</summary>
    Stabilizing = 5,

    /// <summary>The gate thread saw queued work that no thread had taken for too long, and added a thread.</summary>
    Starvation = 6,

    /// <summary>A worker thread waited too long for work and retired.</summary>
    ThreadTimedOut = 7,

    /// <summary>A pool thread blocked (or stopped blocking) waiting for a task, and the pool compensated.</summary>
    CooperativeBlocking = 8,

    /// <summary>A reason this library does not know (a newer runtime).</summary>
    Unknown = -1,
}

/// <summary>One change of the thread pool's goal, as the runtime reported it.</summary>
/// <param name="At">When the runtime raised the event, since listening started (or since the point a table counts from).</param>
/// <param name="NewGoal">The worker threads the pool now lets work at once (the runtime's <c>NewWorkerThreadCount</c>).</param>
/// <param name="Reason">Why, in the runtime's words.</param>
/// <param name="AverageThroughput">Work items completed per second, as hill climbing measured it (0 when it did not).</param>
public sealed record ThreadPoolAdjustment(TimeSpan At, int NewGoal, ThreadPoolAdjustmentReason Reason, double AverageThroughput)
{
    /// <summary>The goal before this adjustment, when the listener saw it; null for the first one it saw.</summary>
    public int? PreviousGoal { get; init; }

    /// <summary>How many threads the goal went up (positive) or down by, when the previous goal is known.</summary>
    public int? Change => PreviousGoal is { } previous ? NewGoal - previous : null;

    /// <summary>What <see cref="Reason"/> means, in a few words.</summary>
    public string Explanation => Reason switch
    {
        ThreadPoolAdjustmentReason.Starvation => "work waited in the queue and no thread took any, so the gate thread added one",
        ThreadPoolAdjustmentReason.CooperativeBlocking => Change < 0
            ? "threads stopped waiting on tasks, so the extra ones are let go"
            : "pool threads are blocked waiting on tasks, so others may work in their place",
        ThreadPoolAdjustmentReason.ThreadTimedOut => "a thread found no work for a long time and retired",
        ThreadPoolAdjustmentReason.Warmup or ThreadPoolAdjustmentReason.Initializing => "hill climbing starts measuring throughput",
        ThreadPoolAdjustmentReason.RandomMove or ThreadPoolAdjustmentReason.ClimbingMove or ThreadPoolAdjustmentReason.ChangePoint
            or ThreadPoolAdjustmentReason.Stabilizing => "hill climbing tries a thread count for more throughput",
        _ => "a reason this course does not know",
    };

    /// <summary>"1234 ms: goal 5 (+1), Starvation".</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{At.TotalMilliseconds:0} ms: goal {NewGoal}{(Change is { } c ? $" ({c:+0;-0;0})" : "")}, {Reason}");
}
