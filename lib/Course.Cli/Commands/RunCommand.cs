using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Course.Cli.Terminal;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course run &lt;notebook | NN ... | --all&gt; [--write-outputs] [--timeout SECONDS]</c></summary>
internal static class RunCommand
{
    private const int MaxTimeoutSeconds = 86_400;

    public static Command Create(IAnsiConsole console)
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "One or more notebooks, run in the order given (a failing one does not stop the others): each its number (4 or 04), its file name, or a path.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Run every notebook in notebooks/, in order; a failing one does not stop the others." };
        var writeOutputs = new Option<bool>("--write-outputs") { Description = "Save the outputs into the notebook file (cell sources are never changed)." };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Time limit per cell in seconds (default 120); a cell's metadata course.timeoutSeconds overrides it.",
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxTimeoutSeconds)
                {
                    return seconds;
                }
                result.AddError($"--timeout must be a positive number of seconds, at most {MaxTimeoutSeconds} (not '{text}')");
                return null;
            },
        };
        var command = new Command("run", "Run each named notebook's code cells top to bottom in a fresh process, printing each cell's output.")
        {
            notebooks, all, writeOutputs, timeout,
        };
        command.Validators.Add(result =>
        {
            var hasNotebooks = result.GetValue(notebooks) is { Length: > 0 };
            var hasAll = result.GetValue(all);
            if (hasNotebooks == hasAll)
            {
                result.AddError("name one or more notebooks or --all, e.g. 'course run 01', 'course run 00 01' or 'course run --all'");
            }
        });

        command.SetAction((parse, cancellationToken) => RunAsync(
            console,
            parse.GetValue(notebooks) ?? [],
            parse.GetValue(writeOutputs),
            parse.GetValue(timeout),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(IAnsiConsole console, IReadOnlyList<string> names, bool writeOutputs, double? timeoutSeconds, CancellationToken cancellationToken)
    {
        var layout = CourseLayout.Discover();
        // Every name is resolved before anything runs: a typo in the third name should not cost the first two runs.
        if (!layout.TrySelect(names, out var paths, out var errors))
        {
            return ExitCodes.Usage(errors);
        }
        if (paths.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }

        var options = new NotebookRunOptions
        {
            WriteOutputs = writeOutputs,
            DefaultTimeLimit = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : new NotebookRunOptions().DefaultTimeLimit,
            Logger = new TerminalLogger(Terminals.Error),
        };
        var failed = new List<string>();
        var unreadable = new List<string>();
        var summary = new List<(string Shown, Result Result)>();
        var ran = 0;
        foreach (var notebookPath in paths)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            var shown = layout.Relative(notebookPath);
            ran++;
            var result = await RunOneAsync(console, layout, notebookPath, shown, options, cancellationToken);
            summary.Add((shown, result));
            switch (result.Outcome)
            {
                case Outcome.Failed:
                    failed.Add(shown);
                    break;
                case Outcome.Unreadable:
                    unreadable.Add(shown);
                    break;
            }
        }
        if (cancellationToken.IsCancellationRequested)
        {
            console.MarkupLine($"[yellow]Interrupted{(paths.Count > 1 ? $" after {ran} of {paths.Count} notebooks" : "")}.[/]");
            return ExitCodes.Interrupted;
        }
        if (paths.Count > 1)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Summary[/]");
            var width = summary.Max(s => s.Shown.Length);
            foreach (var (shown, result) in summary)
            {
                var (mark, color) = result.Outcome == Outcome.Ran ? ("✓", "green") : ("✗", "red");
                console.MarkupLine($"[{color}]{mark} {Markup.Escape(shown.PadRight(width))}  {Markup.Escape(result.Detail)}[/]");
            }
            var problems = failed.Concat(unreadable).ToList();
            console.MarkupLine(problems.Count == 0
                ? $"[green]All {paths.Count} notebooks ran.[/]"
                : $"[red]{problems.Count} of {paths.Count} notebooks failed: {Markup.Escape(string.Join(", ", problems))}[/]");
        }
        return failed.Count > 0 ? ExitCodes.Failure : unreadable.Count > 0 ? ExitCodes.UsageError : ExitCodes.Success;
    }

    private enum Outcome
    {
        Ran,
        Failed,
        Unreadable,
    }

    /// <summary>How one notebook's run ended, and its line in the summary of a run of several.</summary>
    private sealed record Result(Outcome Outcome, string Detail);

    private static async Task<Result> RunOneAsync(IAnsiConsole console, CourseLayout layout, string path, string shown, NotebookRunOptions options, CancellationToken cancellationToken)
    {
        Notebook notebook;
        try
        {
            notebook = Notebook.Load(path);
        }
        catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
        {
            ExitCodes.Report(e.Message.Replace(path, shown, StringComparison.Ordinal));
            return new Result(Outcome.Unreadable, "could not be read");
        }

        if (CourseLibrary.Missing(notebook, layout) is { } missing)
        {
            ExitCodes.Report(missing);
            return new Result(Outcome.Unreadable, "the course library is not built");
        }

        var printer = new RunPrinter(console, shown);
        var clock = Stopwatch.StartNew();
        CellCompleted? last = null;
        var lastCell = 0;
        try
        {
            await foreach (var runEvent in NotebookRunner.RunAsync(notebook, options, cancellationToken))
            {
                printer.Print(runEvent);
                if (runEvent.Event is CellCompleted completed)
                {
                    last = completed;
                    lastCell = runEvent.CellNumber;
                }
            }
        }
        catch (NotebookFormatException e)
        {
            ExitCodes.Report(e.Message.Replace(path, shown, StringComparison.Ordinal));
            return new Result(Outcome.Unreadable, "could not be read");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            ExitCodes.Report(e.Message.Contains(path, StringComparison.Ordinal) ? e.Message.Replace(path, shown, StringComparison.Ordinal) : $"{shown}: {e.Message}");
            return new Result(Outcome.Failed, "failed (see the error above)");
        }

        if (last is not null && last.Status != CellStatus.Ok)
        {
            // Reaching here means the runner saved (a refused or failed save throws): say so, the run is cut short.
            var savedSoFar = options.WriteOutputs ? "; the outputs of the cells that ran were saved" : "";
            console.MarkupLine($"[red]✗ {Markup.Escape(shown)} stopped at code cell {lastCell} ({Describe(last.Status)}){savedSoFar}.[/]");
            return new Result(Outcome.Failed, $"stopped at code cell {lastCell} ({Describe(last.Status)})");
        }
        var saved = options.WriteOutputs ? "; outputs saved" : "";
        var took = $"ran in {clock.Elapsed.TotalSeconds:0.0} s";
        console.MarkupLine($"[green]✓ {Markup.Escape(shown)} {took}{saved}.[/]");
        return new Result(Outcome.Ran, took);
    }

    private static string Describe(CellStatus status) => status switch
    {
        CellStatus.TimedOut => "time limit",
        CellStatus.Interrupted => "interrupted",
        CellStatus.ProcessEnded => "the process ended",
        _ => "error",
    };
}
