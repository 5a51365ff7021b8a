using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.QuickInfo;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Editing;

/// <summary>
/// Completion and symbol information for the cell being edited, from Roslyn's own editor services
/// over the session's submissions (<see cref="SubmissionWorkspace"/>). Used from one thread only.
/// </summary>
internal sealed class CellEditor : IDisposable
{
    private const int MaxMatches = 500;
    private readonly SubmissionWorkspace _workspace = new();

    /// <summary>The completions at <paramref name="position"/> (a UTF-16 offset), filtered by what is already typed.</summary>
    public async Task<CellCompletions> CompleteAsync(Script? lastRun, ScriptOptions options, string code, int position, CancellationToken cancellationToken)
    {
        position = Math.Clamp(position, 0, code.Length);
        var document = _workspace.Edit(lastRun, options, code);
        var service = CompletionService.GetService(document);
        var list = service is null ? null : await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (list is null || list.ItemsList.Count == 0)
        {
            return new CellCompletions(position, position, []);
        }
        var span = list.Span;
        var typed = code[span.Start..Math.Min(position, span.End)];
        var matches = list.ItemsList
            .Where(item => item.FilterText.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
            // Exact-case prefix matches first, then Roslyn's own order (which puts likely members first).
            .OrderByDescending(item => item.FilterText.StartsWith(typed, StringComparison.Ordinal))
            .ThenBy(item => item.SortText, StringComparer.OrdinalIgnoreCase)
            .Select(item => new CompletionMatch(InsertionText(item), Kind(item)))
            .DistinctBy(match => match.Text)
            .Take(MaxMatches)
            .ToList();
        return new CellCompletions(span.Start, span.End, matches);
    }

    /// <summary>The signature and documentation of the symbol at <paramref name="position"/> (a UTF-16 offset).</summary>
    public async Task<CellInspection> InspectAsync(Script? lastRun, ScriptOptions options, string code, int position, CancellationToken cancellationToken)
    {
        position = Math.Clamp(position, 0, code.Length);
        var document = _workspace.Edit(lastRun, options, code);
        var service = QuickInfoService.GetService(document);
        if (service is null)
        {
            return CellInspection.NotFound;
        }
        // A cursor just after a name ("Console.WriteLine|") still means that name.
        var info = await service.GetQuickInfoAsync(document, position, cancellationToken).ConfigureAwait(false);
        if (info is null && position > 0)
        {
            info = await service.GetQuickInfoAsync(document, position - 1, cancellationToken).ConfigureAwait(false);
        }
        if (info is null || info.Sections.IsEmpty)
        {
            return CellInspection.NotFound;
        }
        var text = string.Join("\n\n", info.Sections.Select(s => s.Text.Trim()).Where(t => t.Length > 0));
        return text.Length == 0 ? CellInspection.NotFound : new CellInspection(true, text);
    }

    public void Dispose() => _workspace.Dispose();

    // Symbol completions carry the exact text to insert ("List" for the display text "List<>").
    private static string InsertionText(CompletionItem item) =>
        item.Properties.TryGetValue("InsertionText", out var text) && !string.IsNullOrEmpty(text) ? text : item.DisplayText;

    // One item stands for every symbol of that name, tagged after one of them: string.ToUpper is a method and,
    // since C# 14 applies span extensions to strings, MemoryExtensions.ToUpper too. Both are "Method" here.
    private static string Kind(CompletionItem item) =>
        item.Tags.FirstOrDefault(t => t is not ("Public" or "Protected" or "Private" or "Internal")) switch
        {
            null => "Text",
            "ExtensionMethod" => "Method",
            var tag => tag,
        };
}
