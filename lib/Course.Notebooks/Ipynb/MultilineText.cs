using System.Text;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// nbformat's multiline strings: a <c>source</c> or output text is either one string or a list of strings
/// that are joined; nbformat writes lists made by Python's <c>str.splitlines(keepends=True)</c>.
/// </summary>
internal static class MultilineText
{
    /// <summary>
    /// Splits <paramref name="text"/> the way Python's <c>str.splitlines(True)</c> does: every line keeps its line break,
    /// <c>"a\nb"</c> gives <c>["a\n", "b"]</c> and the empty string gives no lines. Line breaks are
    /// <c>\n</c>, <c>\r\n</c>, <c>\r</c>, <c>\v</c>, <c>\f</c>, <c>\x1c</c>-<c>\x1e</c>, <c>\x85</c>, U+2028 and U+2029.
    /// </summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!IsLineBreak(c))
            {
                continue;
            }
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length)
        {
            lines.Add(text[start..]);
        }
        return lines;
    }

    /// <summary><see cref="SplitLines"/> as a JSON array of strings.</summary>
    public static JsonArray ToJsonLines(string text)
    {
        var array = new JsonArray();
        foreach (var line in SplitLines(text))
        {
            array.Add(JsonValue.Create(line));
        }
        return array;
    }

    /// <summary>The text of a multiline value: the string itself, or the list's strings joined; empty for null.</summary>
    public static string Join(JsonNode? value)
    {
        switch (value)
        {
            case null:
                return "";
            case JsonArray array:
                var builder = new StringBuilder();
                foreach (var item in array)
                {
                    builder.Append(item?.GetValue<string>());
                }
                return builder.ToString();
            default:
                return value.GetValue<string>();
        }
    }

    /// <summary>Whether <paramref name="value"/> is a string or a list of strings.</summary>
    public static bool IsMultilineValue(JsonNode? value) =>
        IsString(value) || (value is JsonArray array && array.All(IsString));

    private static bool IsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String;

    private static bool IsLineBreak(char c) =>
        c is '\n' or '\r' or '\v' or '\f' or '\x1c' or '\x1d' or '\x1e' or '\x85' or '\u2028' or '\u2029';
}
