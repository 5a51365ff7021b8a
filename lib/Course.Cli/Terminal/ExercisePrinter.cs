using Course.Cli.Exercises;
using Course.Exercises;
using Spectre.Console;

namespace Course.Cli.Terminal;

/// <summary>
/// Prints exercise results as clean lines, one per exercise, with the failed cases of an incorrect one
/// beneath it: readable in a plain terminal and when redirected (colour only on a terminal).
/// </summary>
internal static class ExercisePrinter
{
    public static void PrintCheck(IAnsiConsole console, string notebook, IReadOnlyList<ExerciseReport> reports, IEnumerable<CellFailure> otherFailures)
    {
        console.MarkupLine($"[bold]{Markup.Escape(notebook)}[/]");
        foreach (var report in reports)
        {
            var line = $"{report.Id} {report.Title}: {report.Status.Text()}" + (report.Status == ExerciseStatus.Error ? " — " + report.Message : "");
            console.MarkupLine($"  [{Colour(report.Status)}]{Symbol(report.Status)} {Markup.Escape(line)}[/]");
            foreach (var failed in report.FailedCases)
            {
                var symbol = failed.Outcome == CaseOutcome.NotAttempted ? "…" : "✘";
                console.MarkupLine($"      {symbol} {Markup.Escape(failed.Name)}: {Markup.Escape(failed.Message)}");
            }
        }
        foreach (var failure in otherFailures)
        {
            console.MarkupLine($"  [yellow]! another cell failed: {Markup.Escape(failure.Description)}[/]");
        }
    }

    /// <summary>"3 exercises: 1 correct, 1 incorrect, 1 not attempted." and where to get help.</summary>
    public static void PrintSummary(IAnsiConsole console, IReadOnlyList<ExerciseReport> reports)
    {
        var counts = reports.GroupBy(r => r.Status).OrderByDescending(g => g.Key == ExerciseStatus.Correct).ThenBy(g => g.Key)
            .Select(g => $"{g.Count()} {g.Key.Text()}");
        var line = Markup.Escape($"{reports.Count} exercise{(reports.Count == 1 ? "" : "s")}: {string.Join(", ", counts)}.");
        console.MarkupLine(reports.All(r => r.Status == ExerciseStatus.Correct) ? $"[green]{line}[/]" : line);
        if (reports.FirstOrDefault(r => r.Status != ExerciseStatus.Correct) is { } stuck)
        {
            console.MarkupLine($"[grey]Stuck? 'course hint {stuck.Id}' gives a hint; 'course solution {stuck.Id}' shows an answer.[/]");
        }
    }

    public static void PrintVerification(IAnsiConsole console, NotebookVerification verification)
    {
        foreach (var exercise in verification.Exercises)
        {
            console.WriteLine($"  {exercise.Id} {exercise.Title}: as written {Show(exercise.AsWritten)}, " +
                              $"{exercise.WrongRefused} of {exercise.WrongCount} known-wrong answers refused, with its solution {Show(exercise.WithSolution)}");
        }
        var runs = $"{verification.Runs} run{(verification.Runs == 1 ? "" : "s")}, {verification.Duration.TotalSeconds:0.0} s";
        if (verification.Passed)
        {
            var what = verification.Exercises.Count == 0 ? "has no exercises" : "verified three ways";
            console.MarkupLine($"[green]✓ {Markup.Escape(verification.Notebook)} {what} ({runs}).[/]");
            return;
        }
        var count = verification.Problems.Count;
        console.MarkupLine($"[red]✗ {Markup.Escape(verification.Notebook)}: {count} problem{(count == 1 ? "" : "s")} ({runs}):[/]");
        foreach (var problem in verification.Problems)
        {
            console.MarkupLine($"  [red]- {Markup.Escape(problem)}[/]");
        }

        static string Show(ExerciseStatus? status) => status?.Text() ?? "(no result)";
    }

    public static string Symbol(ExerciseStatus status) => status switch
    {
        ExerciseStatus.Correct => "✔",
        ExerciseStatus.Incorrect => "✘",
        ExerciseStatus.Error => "!",
        ExerciseStatus.NotAttempted => "…",
        _ => "·",
    };

    public static string Colour(ExerciseStatus status) => status switch
    {
        ExerciseStatus.Correct => "green",
        ExerciseStatus.Incorrect or ExerciseStatus.Error => "red",
        ExerciseStatus.NotAttempted => "yellow",
        _ => "grey",
    };
}
