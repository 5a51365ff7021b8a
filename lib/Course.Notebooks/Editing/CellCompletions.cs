namespace Course.Notebooks.Editing;

/// <summary>One completion: the text that replaces the span being completed, and what it names ("Method", "Property", "Keyword", …).</summary>
public sealed record CompletionMatch(string Text, string Kind);

/// <summary>
/// The completions at a cursor. <paramref name="Start"/> and <paramref name="End"/> are UTF-16 offsets
/// into the cell: the span a chosen match replaces (the part of the name already typed).
/// </summary>
public sealed record CellCompletions(int Start, int End, IReadOnlyList<CompletionMatch> Matches);

/// <summary>What the symbol at a cursor is: its signature and documentation as plain text, or not found.</summary>
public sealed record CellInspection(bool Found, string Text)
{
    /// <summary>Nothing at the cursor to describe.</summary>
    public static CellInspection NotFound { get; } = new(false, "");
}
