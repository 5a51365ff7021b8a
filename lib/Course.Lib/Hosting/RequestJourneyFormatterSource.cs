using Course.Display;

namespace Course.Hosting;

/// <summary>Shows a <see cref="RequestJourney"/> as a table (HTML) or as aligned lines (text).</summary>
internal sealed class RequestJourneyFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<RequestJourney>(MimeTypes.Html, ToHtml),
        new MimeFormatter<RequestJourney>(MimeTypes.PlainText, journey => journey.ToString()),
    ];

    private static string ToHtml(RequestJourney journey) =>
        Html.Table(["#", "time", "thread", "layer", "what happens"], journey.Steps.Select(step => new[]
        {
            step.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"+{step.At.TotalMilliseconds:0.0} ms",
            step.ThreadId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            step.Layer,
            step.Description,
        }));
}
