using System.CommandLine;
using Course.Cli.Exercises;
using Course.Cli.Terminal;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// <c>course check &lt;exercise-id | notebook | NN | --all&gt;</c>: runs the exercises with the learner's cells as they
/// are saved — each notebook's setup cell and its exercises' own cells, not the whole notebook (exercises are
/// self-contained) — prints each exercise's result and records it in <c>.course/progress.json</c> for <c>course list</c>.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var target = new Argument<string?>("exercise-or-notebook")
        {
            Description = "An exercise id (01.2), or a notebook: its number (4 or 04), its file name, or a path.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Check the exercises of every notebook in notebooks/." };
        var command = new Command("check", "Check your exercises as saved: runs the notebook's setup cell and each exercise's cells (your answer and its check) and shows each exercise's result.")
        {
            target, all,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(target) is not null == result.GetValue(all))
            {
                result.AddError("name one exercise, one notebook or --all, e.g. 'course check 00.1', 'course check 01' or 'course check --all'");
            }
        });
        command.SetAction((parse, cancellationToken) => CheckAsync(console, parse.GetValue(target), cancellationToken));
        return command;
    }

    private static async Task<int> CheckAsync(IAnsiConsole console, string? name, CancellationToken cancellationToken)
    {
        var layout = CourseLayout.Discover();
        var options = new NotebookRunOptions { Logger = new TerminalLogger(Terminals.Error) };
        // A notebook's process takes longest to start: start one in notebooks/ now, while the notebook is found and read.
        var early = NotebookRunner.StartSessionAsync(layout.NotebooksDirectory, options, cancellationToken);
        try
        {
            return await CheckAsync(console, layout, name, options, early, cancellationToken);
        }
        finally
        {
            await DisposeUnusedAsync(early);
        }
    }

    private static async Task<int> CheckAsync(IAnsiConsole console, CourseLayout layout, string? name, NotebookRunOptions options,
        Task<PreparedSession>? early, CancellationToken cancellationToken)
    {
        string? onlyId = null;
        IReadOnlyList<string> paths;
        if (name is not null && ExerciseTag.NormalizeId(name) is { } id)
        {
            if (FindNotebookOf(layout, id, out var known, out var unreadableNotebooks) is not { } path)
            {
                return ExitCodes.Usage(NotFoundMessage(layout, id, known, unreadableNotebooks));
            }
            (onlyId, paths) = (id, [path]);
        }
        else if (!layout.TrySelect(name, out paths, out var error))
        {
            return ExitCodes.Usage(error);
        }
        if (paths.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }

        var store = ProgressStore.For(layout.Root, TimeProvider.System);
        var reported = new List<ExerciseReport>();
        var failed = false;
        var unreadable = false;
        foreach (var path in paths)
        {
            var shown = layout.Relative(path);
            Notebook notebook;
            try
            {
                notebook = Notebook.Load(path);
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                ExitCodes.Report(e.Message.Replace(path, shown, StringComparison.Ordinal));
                unreadable = true;
                continue;
            }
            var starters = NotebookExercises.Find(notebook).Starters.Where(s => onlyId is null || s.Id == onlyId).ToList();
            if (starters.Count == 0)
            {
                if (paths.Count == 1)
                {
                    console.WriteLine($"{shown} has no exercises.");
                }
                continue;
            }
            if (CourseLibrary.Missing(notebook, layout) is { } missing)
            {
                ExitCodes.Report(missing);
                unreadable = true;
                continue;
            }

            Terminals.Error.MarkupLine($"[grey]Checking {Markup.Escape(shown)}: running its setup cell and {(starters.Count == 1 ? "the exercise's cells" : "the exercises' cells")}...[/]");
            ExerciseRun run;
            try
            {
                var inNotebooks = Path.GetDirectoryName(Path.GetFullPath(path)) == Path.GetFullPath(layout.NotebooksDirectory);
                run = await ExerciseRunner.RunAsync(notebook, shown, starters,
                    inNotebooks && Interlocked.Exchange(ref early, null) is { } session ? options with { Session = session } : options, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.MarkupLine("[yellow]Interrupted: nothing was recorded for this notebook.[/]");
                return ExitCodes.Interrupted;
            }
            catch (NotebookFormatException e)
            {
                ExitCodes.Report(e.Message.Replace(path, shown, StringComparison.Ordinal));
                unreadable = true;
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                ExitCodes.Report($"{shown}: {e.Message}");
                failed = true;
                continue;
            }

            var reports = run.Reports;
            ExercisePrinter.PrintCheck(console, shown, reports, run.OtherFailures);
            reported.AddRange(reports);
            try
            {
                if (store.Record(reports) is { } notice)
                {
                    Warn(notice.Replace(store.Path, layout.Relative(store.Path), StringComparison.Ordinal));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Warn($"the results were not saved to {layout.Relative(store.Path)}: {e.Message}");
            }
        }

        if (reported.Count > 0)
        {
            ExercisePrinter.PrintSummary(console, reported);
        }
        else if (name is null && !failed && !unreadable)
        {
            console.WriteLine("No exercises in the notebooks yet.");
        }
        return failed || reported.Any(r => r.Status != ExerciseStatus.Correct) ? ExitCodes.Failure
            : unreadable ? ExitCodes.UsageError
            : ExitCodes.Success;
    }

    // The notebook whose tagged starter cell is the exercise's: found from the notebooks themselves, not from a list of topics.
    // The one numbered like the exercise (08-… for 08.3) is looked into first; the lists are complete when none has it.
    private static string? FindNotebookOf(CourseLayout layout, string id, out IReadOnlyList<string> known,
        out IReadOnlyList<(string Path, string Reason)> unreadable)
    {
        var ids = new List<string>();
        var broken = new List<(string Path, string Reason)>();
        string? found = null;
        var numbered = id[..id.IndexOf('.', StringComparison.Ordinal)] + "-";
        foreach (var path in layout.Notebooks().OrderBy(p => Path.GetFileName(p).StartsWith(numbered, StringComparison.Ordinal) ? 0 : 1))
        {
            try
            {
                var starters = NotebookExercises.Find(Notebook.Load(path)).Starters;
                ids.AddRange(starters.Select(s => s.Id));
                if (starters.Any(s => s.Id == id))
                {
                    found = path;
                    break;
                }
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                // An unreadable notebook holds no exercise we could check; if the exercise is not found, the message names it.
                broken.Add((path, e.Message.Replace(path + ": ", "", StringComparison.Ordinal)));
            }
        }
        known = ids;
        unreadable = broken;
        return found;
    }

    /// <summary>
    /// Why no notebook has exercise <paramref name="id"/>: the notebook numbered like it (07 for 07.1) cannot be read,
    /// or no notebook has it (and which notebooks could not be looked into).
    /// </summary>
    private static string NotFoundMessage(CourseLayout layout, string id, IReadOnlyList<string> known,
        IReadOnlyList<(string Path, string Reason)> unreadable)
    {
        var number = id[..id.IndexOf('.', StringComparison.Ordinal)];
        if (unreadable.FirstOrDefault(u => Path.GetFileName(u.Path).StartsWith(number + "-", StringComparison.Ordinal)) is { Path: not null } own)
        {
            return $"{layout.Relative(own.Path)} cannot be read ({own.Reason}), so its exercise {id} cannot be checked until the file is repaired " +
                "('git diff' shows what changed in it)";
        }
        var message = $"no notebook has an exercise {id}; the exercises are {(known.Count == 0 ? "(none yet)" : string.Join(", ", known))}";
        return unreadable.Count == 0
            ? message
            : message + "; " + string.Join("; ", unreadable.Select(u => $"{layout.Relative(u.Path)} cannot be read ({u.Reason})"));
    }

    // Ends the early session unless a run took it. One that failed to start has nothing to end (and a run that took it
    // reported why).
    private static async Task DisposeUnusedAsync(Task<PreparedSession> early)
    {
        try
        {
            await (await early).DisposeAsync();
        }
        catch (Exception)
        {
        }
    }

    private static void Warn(string message) => Terminals.Error.MarkupLine($"[yellow]course: {Markup.Escape(message)}[/]");
}
