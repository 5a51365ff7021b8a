using System.Runtime.CompilerServices;
using System.Security.Cryptography;
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
        // The bytes the run starts from: those the notebook was loaded from (a notebook parsed from text, the file as it is now).
        var startedFrom = options.WriteOutputs && notebook.Path is { } original && File.Exists(original)
            ? notebook.LoadedSha256 ?? SHA256.HashData(await File.ReadAllBytesAsync(original, cancellationToken).ConfigureAwait(false))
            : null;
        var directory = Path.GetDirectoryName(Path.GetFullPath(notebook.Path ?? "notebook.ipynb"))!;
        await using var session = (await (options.Session ?? StartSessionAsync(directory, options, cancellationToken)).ConfigureAwait(false)).For(directory);

        var cellNumber = 0;
        var stopped = false;
        try
        {
            foreach (var cell in notebook.Cells)
            {
                if (!cell.IsCode)
                {
                    continue;
                }
                cellNumber++;
                if (options.OnlyCells is { } only && !only.Contains(cellNumber))
                {
                    continue;
                }
                if (stopped || string.IsNullOrWhiteSpace(cell.Source))
                {
                    if (options.WriteOutputs)
                    {
                        cell.ClearOutputs(); // saved outputs come from one run: a cell it did not reach keeps none
                    }
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
                }
                stopped = completed is null || completed.Status != CellStatus.Ok && options.StopOnError || !session.IsAlive;
            }
        }
        finally
        {
            if (options.WriteOutputs && notebook.HasChanges)
            {
                SaveUnlessEdited(notebook, startedFrom);
            }
        }
    }

    /// <summary>
    /// Starts the session a run of a notebook in <paramref name="directory"/> uses, for <see cref="NotebookRunOptions.Session"/>:
    /// a fresh process whose compiler warms up at once (nobody waits for a completion in a run from start to end).
    /// </summary>
    public static async Task<PreparedSession> StartSessionAsync(string directory, NotebookRunOptions options, CancellationToken cancellationToken = default)
    {
        var fullPath = Path.GetFullPath(directory);
        return new(fullPath, await NotebookSession.StartAsync(new NotebookSessionOptions
        {
            WorkingDirectory = fullPath,
            DefaultTimeLimit = options.DefaultTimeLimit,
            WorkerPath = options.WorkerPath,
            Environment = options.Environment,
            Logger = options.Logger,
            WarmUpCompiler = true,
        }, cancellationToken).ConfigureAwait(false));
    }

    // Never overwrite edits made to the file while the notebook ran (in an editor, say).
    // The check is made at the replacement itself (see Notebook.SaveUnlessChanged), not before it.
    private static void SaveUnlessEdited(Notebook notebook, byte[]? startedFrom)
    {
        if (startedFrom is null)
        {
            notebook.Save();
        }
        else if (!notebook.SaveUnlessChanged(startedFrom))
        {
            throw new IOException($"{notebook.Path} was changed while it ran, so its outputs were not saved: run it again.");
        }
    }
}
