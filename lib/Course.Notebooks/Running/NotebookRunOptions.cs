using Course.Notebooks.Sessions;
using Microsoft.Extensions.Logging;

namespace Course.Notebooks.Running;

/// <summary>How <see cref="NotebookRunner"/> runs a notebook file.</summary>
public sealed record NotebookRunOptions
{
    /// <summary>The time limit of a cell whose metadata does not set <c>course.timeoutSeconds</c>. Default: 2 minutes.</summary>
    public TimeSpan DefaultTimeLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Save the outputs into the notebook file (atomically; cell sources are never touched).</summary>
    public bool WriteOutputs { get; init; }

    /// <summary>Stop at the first cell that fails (the default), as a test run should.</summary>
    public bool StopOnError { get; init; } = true;

    /// <summary>
    /// Run only these code cells (numbered from 1 among the code cells, as messages number them); null runs them all.
    /// The others are skipped and keep their saved outputs.
    /// </summary>
    public IReadOnlySet<int>? OnlyCells { get; init; }

    /// <summary>Passed to <see cref="NotebookSessionOptions.WorkerPath"/>.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>Passed to <see cref="NotebookSessionOptions.Environment"/>.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives the engine's diagnostics.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// A session started ahead of the run by <see cref="NotebookRunner.StartSessionAsync"/> (its process takes a while to
    /// start, so a caller can start it while it reads the notebook). The run uses it, and ends it, instead of starting
    /// one; it must be a fresh session in the notebook's folder. Null: the run starts its own.
    /// </summary>
    public Task<PreparedSession>? Session { get; init; }
}
