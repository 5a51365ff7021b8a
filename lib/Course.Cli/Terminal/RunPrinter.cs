using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Spectre.Console;

namespace Course.Cli.Terminal;

/// <summary>
/// Prints a notebook run as it happens: a marker when each cell starts, its console output exactly as
/// written, displayed values and results as plain text (a display the cell updated: its last value, at the cell's end),
/// errors located by notebook, cell and line.
/// Colour only on a terminal (Spectre.Console detects redirected output and writes plain text).
/// </summary>
internal sealed class RunPrinter(IAnsiConsole console, string notebookName)
{
    private bool _atLineStart = true;

    // The last value of each display the cell updated (display(x).Update(y)), printed once when the cell ends: a terminal
    // log cannot replace a line it has printed, and a progress display updated a thousand times must not print a thousand.
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _updated = new(StringComparer.Ordinal);

    public void Print(NotebookRunEvent runEvent)
    {
        switch (runEvent.Event)
        {
            case CellStarted:
                EndLine();
                console.MarkupLine($"[grey]── {Markup.Escape(notebookName)} · code cell {runEvent.CellNumber} ──[/]");
                break;
            case StreamOutput stream:
                // Raw, so that long lines are not re-wrapped to the terminal's width.
                console.Profile.Out.Writer.Write(stream.Text);
                console.Profile.Out.Writer.Flush();
                _atLineStart = stream.Text.EndsWith('\n');
                break;
            case DisplayOutput { IsUpdate: true, DisplayId: { } id } update:
                _updated.Remove(id); // printed in the order of their last update
                _updated[id] = update.Data;
                break;
            case DisplayOutput display:
                WriteValue(display.Data);
                break;
            case ResultOutput result:
                WriteValue(result.Data);
                break;
            case ErrorOutput error:
                WriteUpdated();
                EndLine();
                WriteError(runEvent.CellNumber, error);
                break;
            case CellCompleted completed:
                WriteUpdated();
                if (completed.Status == CellStatus.Ok)
                {
                    EndLine();
                    console.MarkupLine($"[grey]({completed.Duration.TotalSeconds:0.00} s)[/]");
                }
                break;
        }
    }

    private void WriteError(int cellNumber, ErrorOutput error)
    {
        console.MarkupLine($"[red]{Markup.Escape(Describe(notebookName, cellNumber, error))}[/]");
        foreach (var line in error.Kind == ErrorKind.Exception ? error.Traceback.Skip(1) : [])
        {
            console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        }
    }

    /// <summary>"notebooks/x.ipynb, cell 3, line 2: error CS0029: Cannot implicitly convert …".</summary>
    public static string Describe(string notebook, int cellNumber, ErrorOutput error)
    {
        var where = error.Line is { } line ? $"{notebook}, code cell {cellNumber}, line {line}" : $"{notebook}, code cell {cellNumber}";
        return error.Kind switch
        {
            // A compilation can fail with several errors: the first is in the message, the rest follow it.
            ErrorKind.Compilation => string.Join(Environment.NewLine,
                error.Traceback.Skip(1).Select(more => $"{notebook}, {more}").Prepend($"{where}: error {error.Name}: {error.Message}")),
            ErrorKind.Exception => $"{where}: {error.Name}: {error.Message}",
            _ => $"{notebook}: {error.Message}", // time limits and crashes name the cell themselves
        };
    }

    private void WriteUpdated()
    {
        foreach (var data in _updated.Values)
        {
            EndLine();
            console.MarkupLine("[grey](updated)[/]");
            WriteValue(data);
        }
        _updated.Clear();
    }

    private void WriteValue(IReadOnlyDictionary<string, string> data)
    {
        EndLine();
        console.Profile.Out.Writer.WriteLine(data.TryGetValue("text/plain", out var text) ? text : $"({string.Join(", ", data.Keys)})");
    }

    // Console output that did not end its line must not run into what follows.
    private void EndLine()
    {
        if (!_atLineStart)
        {
            console.Profile.Out.Writer.WriteLine();
            _atLineStart = true;
        }
    }
}
