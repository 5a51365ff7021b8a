using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Spectre.Console;

namespace Course.Cli.Terminal;

/// <summary>
/// Prints a notebook run as it happens: a marker per cell, its console output, displayed values and
/// results as plain text, errors located by notebook, cell and line. Colour only on a terminal
/// (Spectre.Console detects redirected output and writes plain text).
/// </summary>
internal sealed class RunPrinter(IAnsiConsole console, string notebookName)
{
    private int _currentCell;

    public void Print(NotebookRunEvent runEvent)
    {
        if (runEvent.CellNumber != _currentCell)
        {
            _currentCell = runEvent.CellNumber;
            console.MarkupLine($"[grey]── {Markup.Escape(notebookName)} · cell {runEvent.CellNumber} ──[/]");
        }
        switch (runEvent.Event)
        {
            case StreamOutput stream:
                console.Write(new Text(stream.Text, stream.Name == "stderr" ? new Style(Color.Yellow) : Style.Plain));
                break;
            case DisplayOutput display:
                WriteValue(display.Data);
                break;
            case ResultOutput result:
                WriteValue(result.Data);
                break;
            case ErrorOutput error:
                WriteError(runEvent.CellNumber, error);
                break;
            case CellCompleted completed when completed.Status == CellStatus.Ok:
                console.MarkupLine($"[grey]({completed.Duration.TotalSeconds:0.00} s)[/]");
                break;
        }
    }

    public void WriteError(int cellNumber, ErrorOutput error)
    {
        console.MarkupLine($"[red]{Markup.Escape(Describe(notebookName, cellNumber, error))}[/]");
        foreach (var line in error.Traceback.Skip(error.Kind == ErrorKind.Exception ? 1 : error.Traceback.Count))
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    /// <summary>"notebooks/x.ipynb, cell 3, line 2: error CS0029: Cannot implicitly convert …".</summary>
    public static string Describe(string notebook, int cellNumber, ErrorOutput error)
    {
        var where = error.Line is { } line ? $"{notebook}, cell {cellNumber}, line {line}" : $"{notebook}, cell {cellNumber}";
        return error.Kind switch
        {
            ErrorKind.Compilation => $"{where}: error {error.Name}: {error.Message}" + More(error),
            ErrorKind.Exception => $"{where}: {error.Name}: {error.Message}",
            _ => $"{notebook}: {error.Message}", // time limits and crashes name the cell themselves
        };
    }

    // A compilation can fail with several errors: the first is in the message, the rest follow it.
    private static string More(ErrorOutput error) =>
        error.Traceback.Count > 1 ? Environment.NewLine + string.Join(Environment.NewLine, error.Traceback.Skip(1)) : "";

    private void WriteValue(IReadOnlyDictionary<string, string> data)
    {
        if (data.TryGetValue("text/plain", out var text))
        {
            console.WriteLine(text);
        }
        else
        {
            console.MarkupLine($"[grey]({Markup.Escape(string.Join(", ", data.Keys))})[/]");
        }
    }
}
