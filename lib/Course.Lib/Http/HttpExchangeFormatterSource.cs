using Course.Display;

namespace Course.Http;

/// <summary>Shows an <see cref="HttpExchange"/>: request and response as text, and as two coloured blocks in HTML.</summary>
internal sealed class HttpExchangeFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<HttpExchange>(MimeTypes.Html, ToHtml),
        new MimeFormatter<HttpExchange>(MimeTypes.PlainText, exchange => exchange.ToString()),
    ];

    internal static string ToHtml(HttpExchange exchange)
    {
        var colour = exchange.Status switch
        {
            < 300 => "#2e7d32",
            < 400 => "#1565c0",
            < 500 => "#e65100",
            _ => "#c62828",
        };
        return "<div style=\"font-family:monospace\">" +
               Html.Pre(exchange.RequestText, "border-left:4px solid #888;") +
               Html.Pre(exchange.ResponseText, $"border-left:4px solid {colour};margin-top:4px;") +
               "</div>";
    }
}
