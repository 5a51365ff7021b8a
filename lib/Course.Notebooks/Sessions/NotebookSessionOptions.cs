using Microsoft.Extensions.Logging;

namespace Course.Notebooks.Sessions;

/// <summary>How to start a <see cref="NotebookSession"/>.</summary>
public sealed record NotebookSessionOptions
{
    /// <summary>The notebook's folder: relative <c>#r "path.dll"</c> directives resolve against it, and cells run in it.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The time limit of a cell that does not set its own. Default: 2 minutes.</summary>
    public TimeSpan DefaultTimeLimit { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// What a cell stopped at its time limit tells the user to do, in this front end; by default, the advice for notebooks run
    /// by the course command (a longer limit in the cell's metadata).
    /// </summary>
    public string? TimeLimitAdvice { get; init; }

    /// <summary>The worker program (<c>Course.Notebooks.Worker.dll</c>); by default, the one beside this library.</summary>
    public string? WorkerPath { get; init; }

    /// <summary>Extra environment variables for the worker process (null removes one).</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();

    /// <summary>Receives the engine's diagnostics and console text written while no cell was running.</summary>
    public ILogger? Logger { get; init; }

    /// <summary>
    /// Warm the compiler up on a background thread as the worker starts, so the first cells compile sooner: for runs
    /// from start to end (<c>course run</c>, <c>course check</c>). Off by default: an interactive session would see
    /// its first completion slowed while the warm-up runs.
    /// </summary>
    public bool WarmUpCompiler { get; init; }

    /// <summary>
    /// After each cell, when no other cell follows at once, prepare the editor services for the cells run so far, so
    /// that the first completion typed next answers as fast as later ones: for interactive sessions (the kernel). Off by
    /// default: a batch run never asks for completions.
    /// </summary>
    public bool WarmUpEditor { get; init; }
}

/// <summary>Per-cell settings for <see cref="NotebookSession.RunCellAsync"/>.</summary>
public sealed record CellRunOptions
{
    /// <summary>The cell's 1-based number among the notebook's code cells, used in messages; default: the execution count.</summary>
    public int? CellNumber { get; init; }

    /// <summary>This cell's time limit; default: the session's. <see cref="Timeout.InfiniteTimeSpan"/> for none.</summary>
    public TimeSpan? TimeLimit { get; init; }
}
