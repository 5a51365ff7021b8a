using System.CommandLine;
using Course.Notebooks.Ipynb;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary><c>course clear &lt;notebook | NN | --all&gt;</c>: removes saved outputs, as notebooks are committed.</summary>
internal static class ClearCommand
{
    public static Command Create(IAnsiConsole console)
    {
        var notebook = new Argument<string?>("notebook")
        {
            Description = "A notebook: its number (4 or 04), its file name, or a path.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var all = new Option<bool>("--all") { Description = "Clear every notebook in notebooks/." };
        var command = new Command("clear", "Remove the outputs saved in notebooks (cell sources are never changed).") { notebook, all };
        command.Validators.Add(result =>
        {
            if (result.GetValue(notebook) is not null == result.GetValue(all))
            {
                result.AddError("name one notebook or --all, e.g. 'course clear 01' or 'course clear --all'");
            }
        });
        command.SetAction(parse => Clear(console, parse.GetValue(notebook)));
        return command;
    }

    private static int Clear(IAnsiConsole console, string? name)
    {
        var layout = CourseLayout.Discover();
        IReadOnlyList<string> paths;
        if (name is null)
        {
            paths = layout.Notebooks();
        }
        else if (layout.TryResolve(name, out var path, out var error))
        {
            paths = [path];
        }
        else
        {
            return ExitCodes.Usage(error);
        }

        var exitCode = ExitCodes.Success;
        foreach (var path in paths)
        {
            var shown = layout.Relative(path);
            try
            {
                var notebook = Notebook.Load(path);
                var cleared = notebook.Cells.Count(c => c.HasOutputs || c.ExecutionCount is not null);
                foreach (var cell in notebook.Cells)
                {
                    cell.ClearOutputs();
                }
                if (notebook.HasChanges)
                {
                    notebook.Save();
                }
                console.WriteLine(cleared == 0 ? $"{shown}: no outputs" : $"{shown}: cleared the outputs of {cleared} cells");
            }
            catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
            {
                ExitCodes.Report(e.Message.Replace(path, shown, StringComparison.Ordinal));
                exitCode = ExitCodes.UsageError;
            }
        }
        return exitCode;
    }
}
