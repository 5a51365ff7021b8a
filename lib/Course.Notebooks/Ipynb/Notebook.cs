using Course.Notebooks.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Course.Notebooks.Ipynb;

/// <summary>
/// A Jupyter notebook (nbformat 4) that is written back byte for byte as it was read unless its content changed.
/// A changed notebook is written in the style of the text it was read from: indent, line endings, key order,
/// escaping of non-ASCII characters, final newline and UTF-8 BOM (see <see cref="ToJson"/>).
/// </summary>
public sealed class Notebook
{
    private readonly JsonObject _root;
    private readonly string? _originalText;
    private readonly JsonObject? _originalContent;
    private readonly List<NotebookCell> _cells;

    internal Notebook(JsonObject root, string? path, string? originalText, NotebookJsonStyle style)
    {
        _root = root;
        Path = path;
        _originalText = originalText;
        _originalContent = originalText is null ? null : root.DeepClone().AsObject();
        Style = style;
        _cells = [.. root["cells"]!.AsArray().Select(cell => new NotebookCell(cell!.AsObject()))];
    }

    /// <summary>The path the notebook was loaded from or parsed for; null for a created notebook. Used in error messages and by <see cref="Save"/>.</summary>
    public string? Path { get; }

    /// <summary>The cells, in order.</summary>
    public IReadOnlyList<NotebookCell> Cells => _cells;

    /// <summary>The notebook's metadata object (changes to it are changes to the notebook).</summary>
    public JsonObject Metadata => _root["metadata"]!.AsObject();

    /// <summary>The major format version: always 4.</summary>
    public int NbFormat => _root["nbformat"]!.GetValue<int>();

    /// <summary>The minor format version (cells have ids from 5 on).</summary>
    public int NbFormatMinor => _root["nbformat_minor"]!.GetValue<int>();

    /// <summary>
    /// Whether the content differs from the text the notebook was read from (always true for a created notebook).
    /// Outputs set to what they already were are no change.
    /// </summary>
    public bool HasChanges => _originalText is null || !JsonTree.SameContent(_root, _originalContent);

    /// <summary>The layout the notebook is written in.</summary>
    internal NotebookJsonStyle Style { get; }

    /// <summary>The whole JSON tree.</summary>
    internal JsonObject Root => _root;

    /// <summary>
    /// Reads a notebook from JSON text. A leading U+FEFF is taken as a UTF-8 BOM that <see cref="Save"/> writes back.
    /// </summary>
    /// <param name="json">The file's text.</param>
    /// <param name="path">The file's path, for <see cref="Path"/> and error messages.</param>
    /// <exception cref="NotebookFormatException">The text is not JSON or not an nbformat 4 notebook; the message is one line naming <paramref name="path"/>.</exception>
    public static Notebook Parse(string json, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        return NotebookReader.Read(json, path);
    }

    /// <summary>Reads the notebook file at <paramref name="path"/> (UTF-8, with or without a BOM).</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/> (also when its directory is missing).</exception>
    /// <exception cref="NotebookFormatException">The file is not UTF-8, not JSON or not an nbformat 4 notebook; the message is one line naming <paramref name="path"/>.</exception>
    public static Notebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such notebook file", path);
        }
        var bytes = File.ReadAllBytes(path);
        var notebook = NotebookReader.Read(bytes, path);
        notebook.LoadedSha256 = SHA256.HashData(bytes);
        return notebook;
    }

    /// <summary>The SHA-256 of the bytes <see cref="Load"/> read; null for a parsed or created notebook.</summary>
    internal byte[]? LoadedSha256 { get; private set; }

    /// <summary>
    /// A new C# notebook (nbformat 4.5) with the metadata VS Code's Polyglot Notebooks writes
    /// (<c>kernelspec</c> <c>.net-csharp</c>, <c>language_info</c> <c>polyglot-notebook</c>, <c>polyglot_notebook.kernelInfo</c>),
    /// written in nbformat's style. Build cells with <see cref="NotebookCell.Code"/> and <see cref="NotebookCell.Markdown"/>;
    /// a cell that already belongs to a notebook is copied.
    /// </summary>
    /// <exception cref="ArgumentException">Two cells have the same id.</exception>
    public static Notebook Create(IEnumerable<NotebookCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var array = new JsonArray();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            ArgumentNullException.ThrowIfNull(cell, nameof(cells));
            if (cell.Id is { } id && !ids.Add(id))
            {
                throw new ArgumentException($"Two cells have the id \"{id}\"; cell ids must be unique.", nameof(cells));
            }
            array.Add(cell.Node.Parent is null ? cell.Node : cell.Node.DeepClone());
        }
        var root = new JsonObject
        {
            ["cells"] = array,
            ["metadata"] = PolyglotMetadata.Notebook(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return new Notebook(root, path: null, originalText: null, NotebookJsonStyle.Jupyter);
    }

    /// <summary>
    /// The notebook's JSON text (without a BOM). When nothing changed since it was read (see <see cref="HasChanges"/>),
    /// this is the original text, character for character. Otherwise it is written in the style detected in that text —
    /// indent unit, LF or CRLF, key order as read (keys sorted when every object had sorted keys, as nbformat and VS Code write),
    /// <c>\uXXXX</c> for non-ASCII when the file did so, and the same final newline — and in nbformat's style for a created notebook.
    /// </summary>
    public string ToJson() => HasChanges ? Serialize() : _originalText!;

    /// <summary>The notebook written by <see cref="NotebookJsonWriter"/> in <see cref="Style"/>, even when unchanged.</summary>
    internal string Serialize() => NotebookJsonWriter.Write(_root, Style);

    /// <summary>
    /// Writes <see cref="ToJson"/> as UTF-8 (with a BOM when the file had one) to <paramref name="path"/>, or to
    /// <see cref="Path"/> when it is null. The write is atomic: the text goes to a temporary file in the same directory
    /// that then replaces the target, so the target is never partly written; the temporary file is removed on failure.
    /// </summary>
    /// <exception cref="InvalidOperationException">No path was given and the notebook has none.</exception>
    /// <exception cref="IOException">The file could not be written (e.g. <see cref="DirectoryNotFoundException"/>); the target is untouched.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or file is not writable; the target is untouched.</exception>
    public void Save(string? path = null) =>
        AtomicFile.WriteAllBytes(path ?? Path ?? throw new InvalidOperationException("This notebook has no path: pass one to Save."), Encoded());

    /// <summary>
    /// Writes <see cref="ToJson"/> back to <see cref="Path"/> like <see cref="Save"/>, unless the file no longer holds
    /// the bytes it was loaded from (or, when <paramref name="expectedSha256"/> is given, the bytes with that SHA-256):
    /// the file is compared immediately before it is replaced, so an edit saved meanwhile in an editor is never
    /// overwritten. Returns false, writing nothing, when the file was changed or is gone.
    /// Temporary files left beside it by an interrupted earlier save are removed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The notebook was not loaded from a file and no <paramref name="expectedSha256"/> was given.</exception>
    /// <exception cref="IOException">The file could not be written; it is untouched.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or file is not writable; it is untouched.</exception>
    public bool SaveUnlessChanged(byte[]? expectedSha256 = null)
    {
        var target = Path ?? throw new InvalidOperationException("This notebook has no path: it was not loaded from a file.");
        var expected = expectedSha256 ?? LoadedSha256 ?? throw new InvalidOperationException("This notebook was not loaded from a file: pass the SHA-256 of the bytes it must still hold.");
        return AtomicFile.WriteAllBytesIfUnchanged(target, Encoded(), expected);
    }

    private byte[] Encoded()
    {
        var text = ToJson();
        var preamble = Style.Utf8Bom ? Encoding.UTF8.Preamble : [];
        var bytes = new byte[preamble.Length + Encoding.UTF8.GetByteCount(text)];
        preamble.CopyTo(bytes);
        Encoding.UTF8.GetBytes(text, bytes.AsSpan(preamble.Length));
        return bytes;
    }
}
