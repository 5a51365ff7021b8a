using System.Globalization;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// Finds the <see cref="NotebookJsonStyle"/> of a notebook's text: indent unit, line ending, separators, whether
/// non-ASCII characters were escaped, whether keys were sorted, and the whitespace around the top-level value.
/// </summary>
internal static class NotebookJsonStyleDetector
{
    /// <summary>
    /// The style of <paramref name="text"/> (valid JSON without a BOM), whose parsed tree is <paramref name="root"/>.
    /// What the text does not show (e.g. the indent of <c>{}</c>) is taken from <see cref="NotebookJsonStyle.Jupyter"/>.
    /// </summary>
    public static NotebookJsonStyle Detect(string text, JsonNode? root, bool utf8Bom)
    {
        var start = 0;
        while (start < text.Length && IsJsonWhitespace(text[start]))
        {
            start++;
        }
        var end = text.Length;
        while (end > start && IsJsonWhitespace(text[end - 1]))
        {
            end--;
        }

        var defaults = NotebookJsonStyle.Jupyter;
        string? indent = null;
        var newLine = defaults.NewLine;
        var sawNewLine = false;
        string? itemTail = null;
        string? keySeparator = null;
        var escapedNonAscii = false;
        var rawNonAscii = false;
        var depth = 0;
        var inString = false;

        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    if (i + 5 < end && text[i + 1] == 'u'
                        && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        escapedNonAscii |= code > '~';
                        i += 5;
                    }
                    else
                    {
                        i++;
                    }
                }
                else if (c == '"')
                {
                    inString = false;
                }
                else if (c > '~')
                {
                    rawNonAscii = true;
                }
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '{' or '[':
                    depth++;
                    break;
                case '}' or ']':
                    depth--;
                    break;
                case ',' when itemTail is null:
                    itemTail = HorizontalRun(text, i + 1, end);
                    break;
                case ':' when keySeparator is null:
                    keySeparator = ":" + HorizontalRun(text, i + 1, end);
                    break;
                case '\n' when !sawNewLine:
                    sawNewLine = true;
                    newLine = i > start && text[i - 1] == '\r' ? "\r\n" : "\n";
                    indent = IndentUnit(text, i + 1, end, depth) ?? defaults.Indent;
                    break;
            }
        }

        return new NotebookJsonStyle
        {
            Indent = sawNewLine ? indent : null,
            NewLine = newLine,
            ItemSeparatorTail = itemTail ?? (sawNewLine ? defaults.ItemSeparatorTail : ""),
            KeySeparator = keySeparator ?? defaults.KeySeparator,
            EnsureAscii = escapedNonAscii && !rawNonAscii,
            SortKeys = KeysAreSorted(root),
            Leading = text[..start],
            Trailing = text[end..],
            Utf8Bom = utf8Bom,
        };
    }

    /// <summary>Whether every object in the tree has its keys in code-point order.</summary>
    public static bool KeysAreSorted(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                string? previous = null;
                foreach (var (key, value) in obj)
                {
                    if (previous is not null && CodePointComparer.Instance.Compare(previous, key) > 0)
                    {
                        return false;
                    }
                    if (!KeysAreSorted(value))
                    {
                        return false;
                    }
                    previous = key;
                }
                return true;
            case JsonArray array:
                return array.All(KeysAreSorted);
            default:
                return true;
        }
    }

    /// <summary>
    /// The indent unit shown by the line that starts at <paramref name="lineStart"/>, which sits at nesting
    /// <paramref name="depth"/> (one less when it starts with a closing bracket); null when it cannot tell.
    /// </summary>
    private static string? IndentUnit(string text, int lineStart, int end, int depth)
    {
        var run = HorizontalRun(text, lineStart, end);
        var next = lineStart + run.Length < end ? text[lineStart + run.Length] : '\0';
        var level = next is '}' or ']' ? depth - 1 : depth;
        if (level <= 0)
        {
            return null;
        }
        if (run.Length % level == 0)
        {
            var unit = run[..(run.Length / level)];
            if (string.Concat(Enumerable.Repeat(unit, level)) == run)
            {
                return unit;
            }
        }
        return run;
    }

    private static string HorizontalRun(string text, int from, int end)
    {
        var i = from;
        while (i < end && text[i] is ' ' or '\t')
        {
            i++;
        }
        return text[from..i];
    }

    private static bool IsJsonWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r';
}
