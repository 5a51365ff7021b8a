using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// One cell of a <see cref="Notebook"/>: a view over the cell's JSON object. Reading never changes the object;
/// <see cref="SetOutputs"/> and <see cref="ClearOutputs"/> change only <c>outputs</c> and <c>execution_count</c>,
/// and <see cref="SetSource"/> only <c>source</c>, in place, so the cell's key order, <c>id</c> and metadata stay as they were.
/// </summary>
public sealed partial class NotebookCell
{
    internal NotebookCell(JsonObject node)
    {
        Node = node;
    }

    /// <summary>The cell's JSON object, as it sits in the notebook's <c>cells</c> array.</summary>
    internal JsonObject Node { get; }

    /// <summary>The cell type: <c>code</c>, <c>markdown</c> or <c>raw</c>.</summary>
    public string CellType => Node["cell_type"]!.GetValue<string>();

    /// <summary>Whether this is a code cell.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell's <c>id</c> (nbformat 4.5 and later); null when the file has none.</summary>
    public string? Id => Node["id"]?.GetValue<string>();

    /// <summary>The cell's text: <c>source</c> as written, or its list of lines joined.</summary>
    public string Source => MultilineText.Join(Node["source"]);

    /// <summary>
    /// Replaces the cell's <c>source</c> in place, stored as a list of lines as nbformat writes it. The notebook then
    /// has changes; nothing is written until it is saved (the course's verification runs a changed copy in memory).
    /// </summary>
    public void SetSource(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Node["source"] = MultilineText.ToJsonLines(source);
    }

    /// <summary>The cell's metadata object (changes to it are changes to the notebook).</summary>
    public JsonObject Metadata => Node["metadata"]!.AsObject();

    /// <summary>The strings of <c>metadata.tags</c>; empty when there are none.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags
            ? [.. tags.OfType<JsonValue>().Where(t => t.GetValueKind() == JsonValueKind.String).Select(t => t.GetValue<string>())]
            : [];

    /// <summary>The <c>execution_count</c> of a code cell; null when it has not run (or is not a code cell).</summary>
    public int? ExecutionCount => Node["execution_count"] is JsonValue count && count.TryGetValue<int>(out var value) ? value : null;

    /// <summary>The <c>outputs</c> array of a code cell; null for other cells. Use <see cref="SetOutputs"/> to replace it.</summary>
    public JsonArray? Outputs => Node["outputs"] as JsonArray;

    /// <summary>Whether the cell has at least one output.</summary>
    public bool HasOutputs => Outputs is { Count: > 0 };

    /// <summary>
    /// Replaces the cell's <c>outputs</c> and <c>execution_count</c> where they are in the cell object (appending
    /// them when missing). Outputs that already belong to another JSON tree are copied.
    /// </summary>
    /// <exception cref="InvalidOperationException">The cell is not a code cell.</exception>
    /// <exception cref="ArgumentException">An output is null or has no string <c>output_type</c>.</exception>
    public void SetOutputs(IEnumerable<JsonObject> outputs, int? executionCount)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        if (!IsCode)
        {
            throw new InvalidOperationException($"Only code cells have outputs; cell {Id ?? "(no id)"} is a {CellType} cell.");
        }
        var array = new JsonArray();
        foreach (var output in outputs)
        {
            if (output is null || output["output_type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
            {
                throw new ArgumentException("Every output must be an object with a string \"output_type\".", nameof(outputs));
            }
            array.Add(output.Parent is null ? output : output.DeepClone());
        }
        Node["execution_count"] = executionCount is { } count ? JsonValue.Create(count) : null;
        Node["outputs"] = array;
    }

    /// <summary>Sets <c>outputs</c> to <c>[]</c> and <c>execution_count</c> to null; does nothing to a markdown or raw cell.</summary>
    public void ClearOutputs()
    {
        if (IsCode)
        {
            SetOutputs([], null);
        }
    }

    /// <summary>
    /// A C# code cell as VS Code's Polyglot Notebooks writes it: <c>execution_count: null</c>, <c>outputs: []</c>, and
    /// metadata <c>{"dotnet_interactive": {"language": "csharp"}, "polyglot_notebook": {"kernelName": "csharp"}}</c>.
    /// </summary>
    /// <param name="source">The code; stored as a list of lines, as nbformat does.</param>
    /// <param name="tags">Tags for <c>metadata.tags</c>; none by default.</param>
    /// <param name="metadata">More metadata; its properties are copied in, replacing defaults of the same name.</param>
    /// <param name="id">The cell id (1-64 letters, digits, <c>-</c> or <c>_</c>); a random 8-hex-digit id by default.</param>
    public static NotebookCell Code(string source, IEnumerable<string>? tags = null, JsonObject? metadata = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cell = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = ValidId(id),
            ["metadata"] = BuildMetadata(PolyglotMetadata.CodeCell(), tags, metadata),
            ["outputs"] = new JsonArray(),
            ["source"] = MultilineText.ToJsonLines(source),
        };
        return new NotebookCell(cell);
    }

    /// <summary>A markdown cell with empty metadata (plus <paramref name="tags"/> and <paramref name="metadata"/>).</summary>
    /// <param name="source">The markdown; stored as a list of lines, as nbformat does.</param>
    /// <param name="tags">Tags for <c>metadata.tags</c>; none by default.</param>
    /// <param name="metadata">Metadata properties to copy in.</param>
    /// <param name="id">The cell id (1-64 letters, digits, <c>-</c> or <c>_</c>); a random 8-hex-digit id by default.</param>
    public static NotebookCell Markdown(string source, IEnumerable<string>? tags = null, JsonObject? metadata = null, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var cell = new JsonObject
        {
            ["cell_type"] = "markdown",
            ["id"] = ValidId(id),
            ["metadata"] = BuildMetadata(new JsonObject(), tags, metadata),
            ["source"] = MultilineText.ToJsonLines(source),
        };
        return new NotebookCell(cell);
    }

    private static JsonObject BuildMetadata(JsonObject defaults, IEnumerable<string>? tags, JsonObject? extra)
    {
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                defaults[key] = value?.DeepClone();
            }
        }
        var tagList = tags?.ToList() ?? [];
        if (tagList.Count > 0)
        {
            defaults["tags"] = new JsonArray([.. tagList.Select(t => JsonValue.Create(t))]);
        }
        return defaults;
    }

    private static string ValidId(string? id)
    {
        if (id is null)
        {
            return RandomNumberGenerator.GetHexString(8, lowercase: true);
        }
        if (!CellIdPattern().IsMatch(id))
        {
            throw new ArgumentException($"Cell id \"{id}\" is not 1-64 letters, digits, '-' or '_' (nbformat's rule).", nameof(id));
        }
        return id;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9_-]{1,64}\z")]
    private static partial Regex CellIdPattern();
}
