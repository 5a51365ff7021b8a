using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// Writes a JSON tree as Python's <c>json.dumps</c> and JavaScript's <c>JSON.stringify</c> do, in a given
/// <see cref="NotebookJsonStyle"/>: only <c>"</c>, <c>\</c> and control characters are escaped (control characters
/// as <c>\b \f \n \r \t</c> or lowercase <c>\u001b</c>), so <c>/</c>, <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and
/// <c>'</c> stay as they are; numbers keep the text they were read with; empty containers are <c>[]</c> and <c>{}</c>.
/// System.Text.Json's own writer escapes HTML characters and so cannot be used.
/// </summary>
internal static class NotebookJsonWriter
{
    /// <summary>The text of <paramref name="root"/> in <paramref name="style"/>, with its leading and trailing whitespace (no BOM).</summary>
    public static string Write(JsonNode? root, NotebookJsonStyle style)
    {
        var writer = new Writer(style);
        writer.Builder.Append(style.Leading);
        writer.WriteNode(root, 0);
        writer.Builder.Append(style.Trailing);
        return writer.Builder.ToString();
    }

    /// <summary>Appends <paramref name="text"/> as a JSON string literal, escaped as Python and JavaScript do.</summary>
    public static void WriteString(StringBuilder builder, string text, bool ensureAscii)
    {
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                default:
                    if (c < ' ' || (ensureAscii && c > '~'))
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate cannot be written as UTF-8; JSON.stringify escapes it too.
                        AppendUnicodeEscape(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private sealed class Writer(NotebookJsonStyle style)
    {
        private readonly List<string> _indents = [""];

        public StringBuilder Builder { get; } = new();

        public void WriteNode(JsonNode? node, int depth)
        {
            switch (node)
            {
                case null:
                    Builder.Append("null");
                    break;
                case JsonObject obj:
                    WriteObject(obj, depth);
                    break;
                case JsonArray array:
                    WriteArray(array, depth);
                    break;
                case JsonValue value:
                    WriteValue(value, depth);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected JSON node {node.GetType().Name}.");
            }
        }

        private void WriteObject(JsonObject obj, int depth)
        {
            if (obj.Count == 0)
            {
                Builder.Append("{}");
                return;
            }
            IEnumerable<KeyValuePair<string, JsonNode?>> properties = obj;
            if (style.SortKeys)
            {
                properties = obj.OrderBy(p => p.Key, CodePointComparer.Instance);
            }
            Builder.Append('{');
            var first = true;
            foreach (var (key, value) in properties)
            {
                StartItem(first, depth + 1);
                first = false;
                WriteString(Builder, key, style.EnsureAscii);
                Builder.Append(style.KeySeparator);
                WriteNode(value, depth + 1);
            }
            EndContainer(depth);
            Builder.Append('}');
        }

        private void WriteArray(JsonArray array, int depth)
        {
            if (array.Count == 0)
            {
                Builder.Append("[]");
                return;
            }
            Builder.Append('[');
            for (var i = 0; i < array.Count; i++)
            {
                StartItem(i == 0, depth + 1);
                WriteNode(array[i], depth + 1);
            }
            EndContainer(depth);
            Builder.Append(']');
        }

        private void StartItem(bool first, int depth)
        {
            if (!first)
            {
                Builder.Append(',').Append(style.ItemSeparatorTail);
            }
            if (style.Indent is not null)
            {
                Builder.Append(style.NewLine).Append(Indentation(depth));
            }
        }

        private void EndContainer(int depth)
        {
            if (style.Indent is not null)
            {
                Builder.Append(style.NewLine).Append(Indentation(depth));
            }
        }

        private void WriteValue(JsonValue value, int depth)
        {
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    var text = value.TryGetValue<string>(out var s) ? s : JsonSerializer.Deserialize<string>(value.ToJsonString())!;
                    WriteString(Builder, text, style.EnsureAscii);
                    break;
                case JsonValueKind.Number:
                    // A number read from a file keeps its text (1.0 stays 1.0, 1e5 stays 1e5).
                    Builder.Append(value.TryGetValue<JsonElement>(out var element) ? element.GetRawText() : value.ToJsonString());
                    break;
                case JsonValueKind.True:
                    Builder.Append("true");
                    break;
                case JsonValueKind.False:
                    Builder.Append("false");
                    break;
                case JsonValueKind.Null:
                case JsonValueKind.Undefined:
                    Builder.Append("null");
                    break;
                default:
                    // A JsonValue that wraps an object or array (e.g. a JsonElement): write it as a tree.
                    WriteNode(JsonNode.Parse(value.ToJsonString()), depth);
                    break;
            }
        }

        private string Indentation(int depth)
        {
            while (_indents.Count <= depth)
            {
                _indents.Add(_indents[^1] + style.Indent);
            }
            return _indents[depth];
        }
    }
}
