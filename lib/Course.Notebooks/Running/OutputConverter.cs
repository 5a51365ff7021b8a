using System.Text.Json.Nodes;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Running;

/// <summary>
/// Turns a cell's outputs into Jupyter's nbformat outputs, merging consecutive console text and replacing updated
/// displays in place, as Jupyter does.
/// </summary>
internal static class OutputConverter
{
    public static List<JsonObject> ToNotebookOutputs(IEnumerable<CellOutput> outputs, int executionCount)
    {
        var result = new List<JsonObject>();
        var displayed = new Dictionary<string, int>(StringComparer.Ordinal); // display id → its output's index
        StreamOutput? pending = null;
        foreach (var output in outputs)
        {
            if (output is DisplayOutput { IsUpdate: true } update)
            {
                // Replaces the display in place, as Jupyter front ends do (one of another cell's, or unknown, is dropped).
                if (update.DisplayId is { } id && displayed.TryGetValue(id, out var index))
                {
                    result[index] = NotebookOutput.DisplayData(update.Data);
                }
                continue;
            }
            if (output is StreamOutput stream)
            {
                pending = pending is not null && pending.Name == stream.Name
                    ? pending with { Text = pending.Text + stream.Text }
                    : Flush(pending, stream);
                continue;
            }
            Flush(pending, null);
            pending = null;
            if (output is DisplayOutput { DisplayId: { } displayId })
            {
                displayed[displayId] = result.Count;
            }
            result.Add(output switch
            {
                DisplayOutput display => NotebookOutput.DisplayData(display.Data),
                ResultOutput value => NotebookOutput.ExecuteResult(executionCount, value.Data),
                ErrorOutput error => NotebookOutput.Error(error.Name, error.Message, error.Traceback),
                _ => throw new InvalidOperationException($"Unknown output {output.GetType().Name}"),
            });
        }
        Flush(pending, null);
        return result;

        StreamOutput? Flush(StreamOutput? previous, StreamOutput? next)
        {
            if (previous is not null)
            {
                result.Add(NotebookOutput.Stream(previous.Name, previous.Text));
            }
            return next;
        }
    }
}
