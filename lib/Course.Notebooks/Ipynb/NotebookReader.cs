using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// Turns the bytes or text of an <c>.ipynb</c> file into a <see cref="Notebook"/>: strict UTF-8 and JSON
/// (no comments, trailing commas or duplicate keys), nbformat 4 structure, and the text's <see cref="NotebookJsonStyle"/>.
/// Every problem is a <see cref="NotebookFormatException"/> with a one-line message.
/// </summary>
internal static partial class NotebookReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowDuplicateProperties = false,
        MaxDepth = 512,
    };

    private static readonly string[] CellTypes = ["code", "markdown", "raw"];

    /// <summary>Reads a file's bytes: an optional UTF-8 BOM followed by UTF-8 JSON.</summary>
    public static Notebook Read(byte[] bytes, string? path)
    {
        var bom = bytes.AsSpan().StartsWith("\uFEFF"u8);
        var offset = bom ? 3 : 0;
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes, offset, bytes.Length - offset);
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException(path, $"not UTF-8 text (invalid byte at offset {offset + Math.Max(e.Index, 0)})", e);
        }
        return Read(text, path, bom);
    }

    /// <summary>Reads JSON text; a leading U+FEFF is taken as a BOM that <see cref="Notebook.Save"/> writes back.</summary>
    public static Notebook Read(string text, string? path, bool utf8Bom = false)
    {
        if (!utf8Bom && text.StartsWith('\uFEFF'))
        {
            text = text[1..];
            utf8Bom = true;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: DocumentOptions);
            CheckStrings(root);
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(path, DescribeJsonError(text, e), e);
        }
        catch (InvalidOperationException e)
        {
            // A \uD800-style escape without its other half cannot be read as a .NET string.
            throw new NotebookFormatException(path, $"invalid JSON string: {e.Message}", e);
        }

        var notebook = Validate(root, path);
        var style = NotebookJsonStyleDetector.Detect(text, notebook, utf8Bom);
        return new Notebook(notebook, path, text, style);
    }

    private static JsonObject Validate(JsonNode? root, string? path)
    {
        if (root is not JsonObject notebook)
        {
            throw new NotebookFormatException(path, $"not a notebook: the top-level JSON value is {Describe(root)}, not an object");
        }

        if (!notebook.TryGetPropertyValue("nbformat", out var nbformat))
        {
            throw new NotebookFormatException(path, "not an nbformat 4 notebook (it has no \"nbformat\")");
        }
        if (!TryGetInt(nbformat, out var version) || version != 4)
        {
            throw new NotebookFormatException(path, $"not an nbformat 4 notebook (nbformat is {Compact(nbformat)})");
        }
        if (!TryGetInt(notebook["nbformat_minor"], out _))
        {
            throw new NotebookFormatException(path, "\"nbformat_minor\" must be an integer");
        }
        if (notebook["metadata"] is not JsonObject)
        {
            throw new NotebookFormatException(path, "\"metadata\" must be an object");
        }
        if (notebook["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException(path, "\"cells\" must be an array");
        }

        for (var i = 0; i < cells.Count; i++)
        {
            ValidateCell(cells[i], $"cells[{i}]", path);
        }
        return notebook;
    }

    private static void ValidateCell(JsonNode? node, string where, string? path)
    {
        if (node is not JsonObject cell)
        {
            throw new NotebookFormatException(path, $"{where} must be an object, not {Describe(node)}");
        }
        if (!TryGetString(cell["cell_type"], out var cellType))
        {
            throw new NotebookFormatException(path, $"{where}: \"cell_type\" must be a string");
        }
        if (!CellTypes.Contains(cellType))
        {
            throw new NotebookFormatException(path, $"{where}: unknown cell_type \"{cellType}\" (expected code, markdown or raw)");
        }
        if (cell.TryGetPropertyValue("id", out var id) && !TryGetString(id, out _))
        {
            throw new NotebookFormatException(path, $"{where}: \"id\" must be a string");
        }
        if (cell["metadata"] is not JsonObject)
        {
            throw new NotebookFormatException(path, $"{where}: \"metadata\" must be an object");
        }
        if (!MultilineText.IsMultilineValue(cell["source"]))
        {
            throw new NotebookFormatException(path, $"{where}: \"source\" must be a string or a list of strings");
        }
        if (cellType != "code")
        {
            return;
        }
        if (cell.TryGetPropertyValue("execution_count", out var count) && count is not null && !TryGetInt(count, out _))
        {
            throw new NotebookFormatException(path, $"{where}: \"execution_count\" must be an integer or null");
        }
        if (cell.TryGetPropertyValue("outputs", out var outputs))
        {
            if (outputs is not JsonArray list)
            {
                throw new NotebookFormatException(path, $"{where}: \"outputs\" must be an array");
            }
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject output || !TryGetString(output["output_type"], out _))
                {
                    throw new NotebookFormatException(path, $"{where}.outputs[{i}] must be an object with a string \"output_type\"");
                }
            }
        }
    }

    /// <summary>Reads every string once, so that a broken escape fails here rather than in a later property getter.</summary>
    private static void CheckStrings(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, value) in obj)
                {
                    CheckStrings(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    CheckStrings(item);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                value.GetValue<string>();
                break;
        }
    }

    /// <summary><c>invalid JSON at line 3, position 7: '}' is invalid after a property name. Expected a ':'.</c> (1-based, in characters).</summary>
    private static string DescribeJsonError(string text, JsonException e)
    {
        // System.Text.Json's messages end with its location and sometimes with advice about its own options.
        var reason = JsonErrorLocation().Replace(e.Message, "")
            .Replace(" Change the reader options.", "", StringComparison.Ordinal)
            .Replace(", when isFinalBlock is true", "", StringComparison.Ordinal)
            .Trim();
        if (e.LineNumber is not { } line || e.BytePositionInLine is not { } bytePosition)
        {
            return $"invalid JSON: {reason}";
        }
        return $"invalid JSON at line {line + 1}, position {CharacterPosition(text, line, bytePosition) + 1}: {reason}";
    }

    /// <summary>The 0-based character index in line <paramref name="line"/> of the UTF-8 byte offset the reader reports.</summary>
    private static long CharacterPosition(string text, long line, long bytePosition)
    {
        var start = 0;
        for (long l = 0; l < line && start >= 0; l++)
        {
            start = text.IndexOf('\n', start) is var newLine and >= 0 ? newLine + 1 : -1;
        }
        if (start < 0)
        {
            return bytePosition;
        }
        long bytes = 0;
        var i = start;
        while (i < text.Length && bytes < bytePosition && text[i] != '\n')
        {
            var isPair = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            bytes += isPair ? 4 : Encoding.UTF8.GetByteCount(text.AsSpan(i, 1));
            i += isPair ? 2 : 1;
        }
        return i - start;
    }

    private static bool TryGetInt(JsonNode? node, out int value)
    {
        value = 0;
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.Number && json.TryGetValue(out value);
    }

    private static bool TryGetString(JsonNode? node, out string value)
    {
        value = "";
        return node is JsonValue json && json.GetValueKind() == JsonValueKind.String && json.TryGetValue(out value!);
    }

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "an array",
        JsonObject => "an object",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            _ => "a boolean",
        },
    };

    private static string Compact(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..40] + "…";
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex JsonErrorLocation();
}
