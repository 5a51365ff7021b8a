using Course.Display;

namespace Course.Concurrency;

/// <summary>
/// A <see cref="Timeline"/> shown for a cell whose printed output must not depend on timing: the same SVG chart in
/// HTML, but as text only its first line (how many spans and marks, how long, how many threads). A timeline's own text
/// chart moves a bar by a column when a time shifts by a few milliseconds; this view's text changes only in its numbers.
/// </summary>
/// <example>
/// <code>
/// TimelineView.Of(timeline)   // the chart in a notebook; "timeline: 5 spans, 612.4 ms, 1 thread(s)" as text
/// </code>
/// </example>
[TypeFormatterSource(typeof(TimelineViewFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class TimelineView
{
    private TimelineView(Timeline timeline) => Timeline = timeline;

    /// <summary>The timeline shown.</summary>
    public Timeline Timeline { get; }

    /// <summary>A view of <paramref name="timeline"/> as it is when shown.</summary>
    public static TimelineView Of(Timeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        return new TimelineView(timeline);
    }

    /// <summary>The text chart's first line: counts, duration and threads, for example <c>timeline: 5 spans, 612.4 ms, 1 thread(s)</c>.</summary>
    public override string ToString() => TimelineChart.Text(Timeline.Entries).Split('\n')[0];
}

/// <summary>Shows a <see cref="TimelineView"/>: the SVG chart in HTML, the one-line summary as text.</summary>
internal sealed class TimelineViewFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<TimelineView>(MimeTypes.Html, view => TimelineChart.Html(view.Timeline.Entries)),
        new MimeFormatter<TimelineView>(MimeTypes.PlainText, view => view.ToString()),
    ];
}
