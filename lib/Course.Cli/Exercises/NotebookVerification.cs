namespace Course.Cli.Exercises;

/// <summary>One exercise in both runs: its status with the starter as written, and with the reference solution substituted (null when that run did not happen or did not finish).</summary>
internal sealed record ExerciseVerification(string Id, string Title, ExerciseStatus? AsWritten, ExerciseStatus? WithSolution);

/// <summary>What verifying one notebook found: every exercise in both runs, and every problem as one line (none when it passed).</summary>
internal sealed record NotebookVerification(string Notebook, IReadOnlyList<ExerciseVerification> Exercises, IReadOnlyList<string> Problems, int Runs, TimeSpan Duration)
{
    public bool Passed => Problems.Count == 0;
}
