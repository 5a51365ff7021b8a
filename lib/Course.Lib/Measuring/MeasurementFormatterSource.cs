using Course.Display;

namespace Course.Measuring;

/// <summary>
/// Shows a measurement result as the lines its <c>ToString()</c> gives, in every front end: a preformatted block (HTML)
/// and plain text — so that a verdict ending a cell reads "✔ …", not a table of its properties.
/// </summary>
/// <typeparam name="T">The result type: <see cref="Verdict"/>, <see cref="Comparison"/>, <see cref="Timing"/>, <see cref="CpuLoad"/>.</typeparam>
internal sealed class MeasurementFormatterSource<T>
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<T>(MimeTypes.Html, value => Html.Pre(value?.ToString() ?? "")),
        new MimeFormatter<T>(MimeTypes.PlainText, value => value?.ToString() ?? ""),
    ];
}
