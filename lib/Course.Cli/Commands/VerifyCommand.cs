using System.CommandLine;
using Course.Cli.Exercises;
using Course.Cli.Terminal;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// <c>course verify &lt;notebook | NN | --all&gt;</c>, for course authors: verifies each notebook's exercises both ways
/// (starters as written and known-wrong answers must not pass, reference solutions must).
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var notebook = new Argument<string?>("notebook")
        {
            Description = "A notebook: its number (4 or 04), its file name, or a path.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Verify every notebook in notebooks/." };
        var command = new Command("verify", "For course authors: run each exercise (setup cell and its own cells) with its starter as written (must not pass), each known-wrong answer (must be incorrect, naming the mistake) and its reference solution (must pass).")
        {
            notebook, all,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(notebook) is not null == result.GetValue(all))
            {
                result.AddError("name one notebook or --all, e.g. 'course verify 01' or 'course verify --all'");
            }
        });
        command.SetAction((parse, cancellationToken) => VerifyAsync(console, parse.GetValue(notebook), cancellationToken));
        return command;
    }

    private static async Task<int> VerifyAsync(IAnsiConsole console, string? name, CancellationToken cancellationToken)
    {
        var layout = CourseLayout.Discover();
        if (!layout.TrySelect(name, out var paths, out var error))
        {
            return ExitCodes.Usage(error);
        }
        if (paths.Count == 0)
        {
            console.WriteLine(layout.NoNotebooksMessage);
            return ExitCodes.Success;
        }
        var verifier = new NotebookVerifier(new NotebookRunOptions { Logger = new TerminalLogger(Terminals.Error) });
        var failed = new List<string>();
        var unreadable = false;
        foreach (var path in paths)
        {
            var shown = layout.Relative(path);
            try
            {
                if (CourseLibrary.Missing(Notebook.Load(path), layout) is { } missing)
                {
                    ExitCodes.Report(missing);
                    unreadable = true;
                    continue;
                }
                Terminals.Error.MarkupLine($"[grey]Verifying {Markup.Escape(shown)}: each exercise with its starter as written, its known-wrong answers and its reference solution...[/]");
                var verification = await verifier.VerifyAsync(path, shown, cancellationToken);
                ExercisePrinter.PrintVerification(console, verification);
                if (!verification.Passed)
                {
                    failed.Add(shown);
                }
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
            }
            catch (InvalidOperationException e)
            {
                ExitCodes.Report($"{shown}: {e.Message}");
                failed.Add(shown);
            }
        }
        if (paths.Count > 1)
        {
            console.MarkupLine(failed.Count == 0 && !unreadable
                ? $"[green]All {paths.Count} notebooks verified.[/]"
                : $"[red]Not verified: {Markup.Escape(string.Join(", ", failed.DefaultIfEmpty("(see the errors above)")))}[/]");
        }
        return failed.Count > 0 ? ExitCodes.Failure : unreadable ? ExitCodes.UsageError : ExitCodes.Success;
    }
}
