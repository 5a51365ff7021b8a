namespace Course.Cli.Exercises;

/// <summary>A cell that failed in a run, described in one line that names the notebook, cell and line.</summary>
internal sealed record CellFailure(int CellNumber, string Description);

/// <summary>
/// One run of a notebook for its exercises: a report per starter cell (in notebook order); the cells that failed
/// apart from those an exercise's error already explains (the first failure after a starter is that exercise's
/// error, and what fails after it up to the next starter usually follows from it); and why the run ended early
/// when it did (the notebook's process ended, or it ran out of time).
/// </summary>
internal sealed record ExerciseRun(IReadOnlyList<ExerciseReport> Reports, IReadOnlyList<CellFailure> OtherFailures, string? StoppedBecause);
