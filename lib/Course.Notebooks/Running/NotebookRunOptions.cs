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
}
