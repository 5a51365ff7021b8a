using System.Text.Json;
using Course.Cli.Terminal;
using Course.Display;
using Course.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Cli.Exercises;

/// <summary>
/// Runs exercises in a fresh notebook process: the setup cell and each exercise's own cells, nothing else
/// (exercises are self-contained), on past failing cells, outputs never written to the file. Each exercise's
/// result is read from the outputs of MIME type <c>application/vnd.course.check+json</c>: the first result for
/// its id in its cells. An exercise without one is an error, explained by the first failure in its cells.
/// </summary>
internal static class ExerciseRunner
{
    /// <summary>Runs <paramref name="starters"/> (some or all of <paramref name="notebook"/>'s exercises), in notebook order.</summary>
    public static async Task<ExerciseRun> RunAsync(Notebook notebook, string shownPath, IReadOnlyList<StarterCell> starters, NotebookRunOptions options,
        CancellationToken cancellationToken)
    {
        var results = new List<(int CellNumber, CheckResult Result)>();
        var failures = new List<CellFailure>();
        string? stoppedBecause = null;
        var cells = new SortedSet<int>(starters.SelectMany(s => s.CellsToRun));
        var runOptions = options with { WriteOutputs = false, StopOnError = false, OnlyCells = cells };
        using var warmUp = WarmUpInSetupCell(notebook, starters);
        await foreach (var runEvent in NotebookRunner.RunAsync(notebook, runOptions, cancellationToken).ConfigureAwait(false))
        {
            switch (runEvent.Event)
            {
                case DisplayOutput { Data: var data } when data.TryGetValue(MimeTypes.CheckResult, out var json):
                    Read(runEvent.CellNumber, json);
                    break;
                case ResultOutput { Data: var data } when data.TryGetValue(MimeTypes.CheckResult, out var json):
                    Read(runEvent.CellNumber, json);
                    break;
                case ErrorOutput error when failures.LastOrDefault()?.CellNumber != runEvent.CellNumber:
                    failures.Add(new(runEvent.CellNumber, FirstLine(RunPrinter.Describe(shownPath, runEvent.CellNumber, error))));
                    break;
                case CellCompleted { SessionNeedsRestart: true }:
                    stoppedBecause = $"the notebook stopped at code cell {runEvent.CellNumber}" +
                        (failures.LastOrDefault() is { } last && last.CellNumber == runEvent.CellNumber ? $" ({last.Description})" : "");
                    break;
            }
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
        }
        cancellationToken.ThrowIfCancellationRequested();

        var reports = new List<ExerciseReport>();
        var explained = new HashSet<CellFailure>();
        foreach (var starter in starters)
        {
            var inRange = failures.Where(f => starter.CellNumbers.Contains(f.CellNumber)).ToList();
            var report = Report(starter, results, inRange.FirstOrDefault(), stoppedBecause);
            if (report.Status == ExerciseStatus.Error)
            {
                explained.UnionWith(inRange);
            }
            reports.Add(report);
        }
        return new ExerciseRun(reports, [.. failures.Where(f => !explained.Contains(f))], stoppedBecause);

        void Read(int cellNumber, string json)
        {
            try
            {
                results.Add((cellNumber, CheckResult.FromJson(json)));
            }
            catch (JsonException e)
            {
                failures.Add(new(cellNumber, $"{shownPath}, code cell {cellNumber}: a check result that cannot be read ({FirstLine(e.Message)})"));
            }
        }
    }

    /// <summary>
    /// Ends the setup cell, for this run only, with <c>ExerciseCatalog.StartWarmUp</c> for each exercise: their checks'
    /// machinery warms up on a thread of their own while the answer cells compile (see there). Only when the setup cell loads
    /// the course library, which has the call, and can take more statements (it parses, and does not end with an
    /// expression whose value it shows); disposing the result puts the cell's own source back.
    /// </summary>
    private static IDisposable? WarmUpInSetupCell(Notebook notebook, IReadOnlyList<StarterCell> starters)
    {
        if (notebook.Cells.Where(c => c.IsCode).ElementAtOrDefault(StarterCell.SetupCell - 1) is not { } setup ||
            !CourseLibrary.IsReferencedBy(setup.Source) || !TakesMoreStatements(setup.Source))
        {
            return null;
        }
        var source = setup.Source;
        // On a line of its own (the cell may end in a comment); global:: in case the cell declares something named Course.
        setup.SetSource(source + "\n" + string.Concat(starters.Select(s => $"global::Course.Exercises.ExerciseCatalog.StartWarmUp(\"{s.Id}\"); ")));
        return new RestoreSource(setup, source);
    }

    private static bool TakesMoreStatements(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview, kind: SourceCodeKind.Script));
        return !tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error) &&
            tree.GetRoot() is CompilationUnitSyntax root &&
            root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } };
    }

    private sealed class RestoreSource(NotebookCell cell, string source) : IDisposable
    {
        public void Dispose() => cell.SetSource(source);
    }

    private static ExerciseReport Report(StarterCell starter, List<(int CellNumber, CheckResult Result)> results, CellFailure? firstFailure, string? stoppedBecause)
    {
        if (results.FirstOrDefault(r => starter.CellNumbers.Contains(r.CellNumber) && r.Result.Id == starter.Id).Result is { } result)
        {
            return ExerciseReport.From(result);
        }
        var title = ExerciseCatalog.Find(starter.Id)?.Title ?? "";
        var reason = firstFailure?.Description
            ?? (stoppedBecause is not null ? $"not reached: {stoppedBecause}" : null)
            ?? $"no check result after its starter cell (code cell {starter.CellNumber}): the check cell after it must end with the exercise's .Check(...) call, without a semicolon";
        return new(starter.Id, title, ExerciseStatus.Error, reason, []);
    }

    private static string FirstLine(string text) => text.Split('\n')[0].TrimEnd('\r');
}
