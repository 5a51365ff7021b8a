namespace Course.Notebooks.Ipynb;

/// <summary>
/// How a notebook's JSON text is laid out, so that a changed notebook is written back the way it was read.
/// The default is nbformat's own style (<c>json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False) + "\n"</c>),
/// which is also what VS Code writes.
/// </summary>
internal sealed record NotebookJsonStyle
{
    /// <summary>nbformat's (and VS Code's) style: one-space indent, LF, sorted keys, raw UTF-8, final newline.</summary>
    public static NotebookJsonStyle Jupyter { get; } = new();

    /// <summary>One level of indentation (spaces or a tab; may be empty, as with Python's <c>indent=0</c>); null for single-line (compact) JSON.</summary>
    public string? Indent { get; init; } = " ";

    /// <summary>The line ending between lines: <c>"\n"</c> or <c>"\r\n"</c>.</summary>
    public string NewLine { get; init; } = "\n";

    /// <summary>What follows each <c>,</c> before the line break (indented) or the next item (compact): usually empty, or a space.</summary>
    public string ItemSeparatorTail { get; init; } = "";

    /// <summary>What separates a key from its value: <c>": "</c>, or <c>":"</c> in compact JavaScript output.</summary>
    public string KeySeparator { get; init; } = ": ";

    /// <summary>Whether characters outside printable ASCII are written as <c>\uXXXX</c> (Python's <c>ensure_ascii=True</c>).</summary>
    public bool EnsureAscii { get; init; }

    /// <summary>Whether object keys are written in code-point order (every object of the file had them so).</summary>
    public bool SortKeys { get; init; } = true;

    /// <summary>The whitespace before the top-level value.</summary>
    public string Leading { get; init; } = "";

    /// <summary>The whitespace after the top-level value: <c>"\n"</c>, <c>"\r\n"</c>, or empty when there is no final newline.</summary>
    public string Trailing { get; init; } = "\n";

    /// <summary>Whether the file started with a UTF-8 byte order mark (not part of the text).</summary>
    public bool Utf8Bom { get; init; }
}
