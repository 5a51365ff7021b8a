using System.Text.Json;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// Builds code-cell outputs in nbformat 4's shape, with keys in alphabetical order as nbformat writes them.
/// Text is stored as nbformat stores it: split into lines that keep their line breaks (<c>"a\nb"</c> →
/// <c>["a\n", "b"]</c>) for stream text and for <c>text/*</c>, <c>application/javascript</c> and <c>image/svg+xml</c>
/// data; JSON data (<c>application/json</c> and <c>application/…+json</c>) as the parsed JSON value; other data
/// (e.g. base64 <c>image/png</c>) as one string.
/// </summary>
public static class NotebookOutput
{
    private static readonly HashSet<string> SplitNonTextMimeTypes = new(StringComparer.Ordinal)
    {
        "application/javascript",
        "image/svg+xml",
    };

    /// <summary><c>{"name": name, "output_type": "stream", "text": [lines]}</c>.</summary>
    /// <param name="name">The stream: <c>stdout</c> or <c>stderr</c>.</param>
    /// <param name="text">The text written to it.</param>
    public static JsonObject Stream(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(text);
        return new JsonObject
        {
            ["name"] = name,
            ["output_type"] = "stream",
            ["text"] = MultilineText.ToJsonLines(text),
        };
    }

    /// <summary><c>{"data": {mime: value}, "metadata": {}, "output_type": "display_data"}</c>.</summary>
    /// <param name="data">The representations by MIME type, e.g. <c>text/plain</c> and <c>text/html</c>.</param>
    /// <exception cref="ArgumentException">A JSON MIME type's value is not valid JSON.</exception>
    public static JsonObject DisplayData(IReadOnlyDictionary<string, string> data) => new()
    {
        ["data"] = MimeBundle(data),
        ["metadata"] = new JsonObject(),
        ["output_type"] = "display_data",
    };

    /// <summary><c>{"data": {mime: value}, "execution_count": n, "metadata": {}, "output_type": "execute_result"}</c>.</summary>
    /// <param name="executionCount">The cell's execution count.</param>
    /// <param name="data">The representations by MIME type, e.g. <c>text/plain</c>.</param>
    /// <exception cref="ArgumentException">A JSON MIME type's value is not valid JSON.</exception>
    public static JsonObject ExecuteResult(int executionCount, IReadOnlyDictionary<string, string> data) => new()
    {
        ["data"] = MimeBundle(data),
        ["execution_count"] = executionCount,
        ["metadata"] = new JsonObject(),
        ["output_type"] = "execute_result",
    };

    /// <summary><c>{"ename": ..., "evalue": ..., "output_type": "error", "traceback": [...]}</c>; traceback entries are kept whole.</summary>
    /// <param name="ename">The exception's type name.</param>
    /// <param name="evalue">The exception's message.</param>
    /// <param name="traceback">The traceback lines (may hold ANSI colour codes).</param>
    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback)
    {
        ArgumentNullException.ThrowIfNull(ename);
        ArgumentNullException.ThrowIfNull(evalue);
        ArgumentNullException.ThrowIfNull(traceback);
        return new JsonObject
        {
            ["ename"] = ename,
            ["evalue"] = evalue,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray([.. traceback.Select(line => JsonValue.Create(line))]),
        };
    }

    /// <summary>Whether nbformat stores <paramref name="mimeType"/> as a JSON value: <c>application/json</c> or <c>application/…+json</c>.</summary>
    internal static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json"
        || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    private static JsonObject MimeBundle(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var bundle = new JsonObject();
        foreach (var (mimeType, value) in data.OrderBy(d => d.Key, CodePointComparer.Instance))
        {
            ArgumentNullException.ThrowIfNull(value, nameof(data));
            bundle[mimeType] = MimeValue(mimeType, value);
        }
        return bundle;
    }

    private static JsonNode? MimeValue(string mimeType, string value)
    {
        if (IsJsonMimeType(mimeType))
        {
            try
            {
                return JsonNode.Parse(value);
            }
            catch (JsonException e)
            {
                throw new ArgumentException($"The {mimeType} value is not valid JSON: {e.Message}", nameof(value), e);
            }
        }
        if (mimeType.StartsWith("text/", StringComparison.Ordinal) || SplitNonTextMimeTypes.Contains(mimeType))
        {
            return MultilineText.ToJsonLines(value);
        }
        return JsonValue.Create(value);
    }
}
