using Course.Display;
using Course.Http;

namespace Course.FastApi;

/// <summary>
/// The same request sent to two apps — a FastAPI app and an ASP.NET Core app — and both exchanges, each under a title
/// that says what answered (and, for FastAPI, whether it ran live or was recorded, with its versions). Ending a cell with
/// it shows them side by side.
/// </summary>
[TypeFormatterSource(typeof(SideBySideFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed record SideBySide(string FastApiTitle, HttpExchange FastApi, string AspNetCoreTitle, HttpExchange AspNetCore)
{
    /// <summary>Both exchanges as text, one after the other, each under its title.</summary>
    public override string ToString() => $"── {FastApiTitle}\n{FastApi}\n\n── {AspNetCoreTitle}\n{AspNetCore}";
}

/// <summary>Shows a <see cref="SideBySide"/>: two columns in HTML, one after the other as text.</summary>
internal sealed class SideBySideFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() =>
    [
        new MimeFormatter<SideBySide>(MimeTypes.Html, ToHtml),
        new MimeFormatter<SideBySide>(MimeTypes.PlainText, pair => pair.ToString()),
    ];

    private static string ToHtml(SideBySide pair) =>
        "<div style=\"display:flex;gap:12px;align-items:flex-start;flex-wrap:wrap\">" +
        Column(pair.FastApiTitle, pair.FastApi) + Column(pair.AspNetCoreTitle, pair.AspNetCore) +
        "</div>";

    private static string Column(string title, HttpExchange exchange) =>
        $"<div style=\"flex:1 1 380px;min-width:0\"><div style=\"font-weight:bold;margin-bottom:4px\">{Html.Encode(title)}</div>" +
        HttpExchangeFormatterSource.ToHtml(exchange) + "</div>";
}
