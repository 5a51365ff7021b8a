using Course.Display;

namespace Course.Concurrency;

/// <summary>Shows a <see cref="Timeline"/>: an SVG chart in HTML, and a text chart.</summary>
internal sealed class TimelineFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<Timeline>(MimeTypes.Html, timeline => TimelineChart.Html(timeline.Entries)),
        new MimeFormatter<Timeline>(MimeTypes.PlainText, timeline => timeline.ToString()),
    ];
}
