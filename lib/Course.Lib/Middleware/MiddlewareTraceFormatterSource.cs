using Course.Display;

namespace Course.Middleware;

/// <summary>Shows a <see cref="MiddlewareTrace"/> as indented lines, in a preformatted block (HTML) or as indented lines (text).</summary>
internal sealed class MiddlewareTraceFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<MiddlewareTrace>(MimeTypes.Html, ToHtml),
        new MimeFormatter<MiddlewareTrace>(MimeTypes.PlainText, trace => trace.ToString()),
    ];

    // A preformatted block keeps the indentation that draws the onion (a table would collapse it).
    private static string ToHtml(MiddlewareTrace trace) => Html.Pre(trace.ToString());
}
