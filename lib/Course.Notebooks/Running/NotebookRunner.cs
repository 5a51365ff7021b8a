using System.Runtime.CompilerServices;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Running;

/// <summary>
/// Runs a notebook top to bottom in a fresh session (its own process), streaming every cell's
/// events, and stops at the first failing cell. With <see cref="NotebookRunOptions.WriteOutputs"/>
/// the outputs are saved into the notebook afterwards, atomically.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Runs the code cells of <paramref name="notebook"/> in order.</summary>
    public static async IAsyncEnumerable<NotebookRunEvent> RunAsync(
        Notebook notebook,
        NotebookRunOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path ?? "notebook.ipynb"))!;
        await using var session = await NotebookSession.StartAsync(new NotebookSessionOptions
        {
            WorkingDirectory = directory,
            DefaultTimeLimit = options.DefaultTimeLimit,
            WorkerPath = options.WorkerPath,
            Environment = options.Environment,
            Logger = options.Logger,
        }, cancellationToken).ConfigureAwait(false);

        var cellNumber = 0;
        var changed = false;
        try
        {
            foreach (var cell in notebook.Cells)
            {
                if (!cell.IsCode)
                {
                    continue;
                }
                cellNumber++;
                if (string.IsNullOrWhiteSpace(cell.Source))
                {
                    continue;
                }
                var outputs = new List<CellOutput>();
                CellCompleted? completed = null;
                var runOptions = new CellRunOptions { CellNumber = cellNumber, TimeLimit = CellTimeLimit.Of(cell, options.DefaultTimeLimit, notebook.Path) };
                await foreach (var cellEvent in session.RunCellAsync(cell.Source, runOptions, cancellationToken).ConfigureAwait(false))
                {
                    if (cellEvent is CellOutput output)
                    {
                        outputs.Add(output);
                    }
                    completed = cellEvent as CellCompleted ?? completed;
                    yield return new NotebookRunEvent(cellNumber, cell, cellEvent);
                }
                if (options.WriteOutputs && completed is not null)
                {
                    cell.SetOutputs(OutputConverter.ToNotebookOutputs(outputs, completed.ExecutionCount), completed.ExecutionCount);
                    changed = true;
                }
                if (completed is null || completed.Status != CellStatus.Ok && options.StopOnError || !session.IsAlive)
                {
                    break;
                }
            }
        }
        finally
        {
            if (changed)
            {
                notebook.Save();
            }
        }
    }
}
