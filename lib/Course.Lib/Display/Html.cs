using System.Net;

namespace Course.Display;

/// <summary>Small pieces of HTML shared by the display types; inline styles only, so any front end renders them.</summary>
internal static class Html
{
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A preformatted block in the notebook's monospace font.</summary>
    public static string Pre(string text, string style = "") =>
        $"<pre style=\"margin:0;padding:6px 8px;white-space:pre-wrap;{style}\">{Encode(text)}</pre>";

    /// <summary>A table with a header row; cells are encoded.</summary>
    public static string Table(IEnumerable<string> headers, IEnumerable<IEnumerable<string>> rows) =>
        "<table><thead><tr>" + string.Concat(headers.Select(h => $"<th style=\"text-align:left\">{Encode(h)}</th>")) +
        "</tr></thead><tbody>" +
        string.Concat(rows.Select(row => "<tr>" + string.Concat(row.Select(c => $"<td style=\"text-align:left\">{Encode(c)}</td>")) + "</tr>")) +
        "</tbody></table>";
}
