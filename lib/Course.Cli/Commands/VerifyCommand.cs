using System.CommandLine;
using Course.Cli.Exercises;
using Course.Cli.Terminal;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// <c>course verify &lt;notebook | NN ... | --all&gt;</c>, for course authors: verifies each notebook's exercises both ways
/// (starters as written and known-wrong answers must not pass, reference solutions must).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "One or more notebooks, verified in the order given: each its number (4 or 04), its file name, or a path.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var all = new Option<bool>("--all") { Description = "Verify every notebook in notebooks/." };
        var command = new Command("verify", "For course authors: run each exercise (setup cell and its own cells) with its starter as written (must not pass), each known-wrong answer (must be incorrect, naming the mistake) and its reference solution (must pass).")
        {
            notebooks, all,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(notebooks) is { Length: > 0 } == result.GetValue(all))
            {
                result.AddError("name one or more notebooks or --all, e.g. 'course verify 01', 'course verify 04 05' or 'course verify --all'");
            }
        });
        command.SetAction((parse, cancellationToken) => VerifyAsync(console, parse.GetValue(notebooks) ?? [], cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(IAnsiConsole console, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var layout = CourseLayout.Discover();
        // Every name is resolved before anything runs: a typo in the last name should not wait for the others' verification.
        if (!layout.TrySelect(names, out var paths, out var errors))
        {
            return ExitCodes.Usage(errors);
        }
        if (paths.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }
        var verifier = new NotebookVerifier(new NotebookRunOptions { Logger = new TerminalLogger(Terminals.Error) });
        var failed = new List<string>();
        var unreadable = false;
        var summary = new List<(string Shown, bool Verified, string Detail)>();
        foreach (var path in paths)
        {
            var shown = layout.Relative(path);
            try
            {
                if (CourseLibrary.Missing(Notebook.Load(path), layout) is { } missing)
                {
                    ExitCodes.Report(missing);
                    unreadable = true;
                    summary.Add((shown, false, "the course library is not built"));
                    continue;
                }
                Terminals.Error.MarkupLine($"[grey]Verifying {Markup.Escape(shown)}: each exercise with its starter as written, its known-wrong answers and its reference solution...[/]");
                var verification = await verifier.VerifyAsync(path, shown, cancellationToken);
                ExercisePrinter.PrintVerification(console, verification);
                if (!verification.Passed)
                {
                    failed.Add(shown);
                }
                summary.Add((shown, verification.Passed, verification.Passed ? "verified" : "not verified"));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                console.MarkupLine("[yellow]Interrupted.[/]");
                return ExitCodes.Interrupted;
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                ExitCodes.Report(e.Message.Contains(path, StringComparison.Ordinal) ? e.Message.Replace(path, shown, StringComparison.Ordinal) : $"{shown}: {e.Message}");
                unreadable = true;
                summary.Add((shown, false, "could not be read"));
            }
            catch (InvalidOperationException e)
            {
                ExitCodes.Report($"{shown}: {e.Message}");
                failed.Add(shown);
                summary.Add((shown, false, "not verified (see the error above)"));
            }
        }
        if (paths.Count > 1)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Summary[/]");
            var width = summary.Max(s => s.Shown.Length);
            foreach (var (shown, verified, detail) in summary)
            {
                console.MarkupLine($"[{(verified ? "green" : "red")}]{(verified ? "✓" : "✗")} {Markup.Escape(shown.PadRight(width))}  {Markup.Escape(detail)}[/]");
            }
            console.MarkupLine(failed.Count == 0 && !unreadable
                ? $"[green]All {paths.Count} notebooks verified.[/]"
                : $"[red]Not verified: {Markup.Escape(string.Join(", ", failed.DefaultIfEmpty("(see the errors above)")))}[/]");
        }
        return failed.Count > 0 ? ExitCodes.Failure : unreadable ? ExitCodes.UsageError : ExitCodes.Success;
    }
}
