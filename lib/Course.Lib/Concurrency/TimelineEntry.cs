using System.Globalization;

namespace Course.Concurrency;

/// <summary>
/// One thing a <see cref="Timeline"/> recorded: a span of work from <see cref="Start"/> to <see cref="End"/>, or an
/// instant (<see cref="IsMark"/>, where start and end are equal).
/// </summary>
/// <param name="Label">What ran, for example <c>task1</c>.</param>
/// <param name="Start">When it started, measured from the timeline's first event.</param>
/// <param name="End">When it ended, measured from the timeline's first event.</param>
/// <param name="StartThreadId">The managed thread it started on.</param>
/// <param name="EndThreadId">The managed thread it ended on: after an <c>await</c>, this can be another thread.</param>
/// <param name="IsMark">True for an instant recorded with <see cref="Timeline.Mark"/>.</param>
public sealed record TimelineEntry(string Label, TimeSpan Start, TimeSpan End, int StartThreadId, int EndThreadId, bool IsMark)
{
    /// <summary>How long it ran (zero for a mark).</summary>
    public TimeSpan Duration => End - Start;

    /// <summary>
    /// The thread a mark ran on (<c>thread 5</c>), or the threads a span started and ended on (<c>thread 5 → 9</c>,
    /// <c>thread 5 → 5</c>). Spans always name both, so the text has the same shape whichever threads the run used.
    /// </summary>
    public string Threads => IsMark
        ? string.Create(CultureInfo.InvariantCulture, $"thread {StartThreadId}")
        : string.Create(CultureInfo.InvariantCulture, $"thread {StartThreadId} → {EndThreadId}");

    /// <summary>The entry as one line, for example <c>task1  0.0–200.3 ms  thread 5 → 9</c>.</summary>
    public override string ToString() => IsMark
        ? string.Create(CultureInfo.InvariantCulture, $"{Label}  at {Start.TotalMilliseconds:0.0} ms  {Threads}")
        : string.Create(CultureInfo.InvariantCulture, $"{Label}  {Start.TotalMilliseconds:0.0}–{End.TotalMilliseconds:0.0} ms  {Threads}");
}
