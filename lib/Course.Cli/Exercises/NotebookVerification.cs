namespace Course.Cli.Exercises;

/// <summary>
/// One exercise verified three ways: its status with the starter as written, how many of its known-wrong answers
/// the check refused as it should (incorrect, with the expected phrase in the message), and its status with the
/// reference solution (null when that run did not happen or did not finish).
/// </summary>
internal sealed record ExerciseVerification(string Id, string Title, ExerciseStatus? AsWritten, int WrongRefused, int WrongCount, ExerciseStatus? WithSolution);

/// <summary>What verifying one notebook found: every exercise three ways, and every problem as one line (none when it passed).</summary>
internal sealed record NotebookVerification(string Notebook, IReadOnlyList<ExerciseVerification> Exercises, IReadOnlyList<string> Problems, int Runs, TimeSpan Duration)
{
    public bool Passed => Problems.Count == 0;
}
