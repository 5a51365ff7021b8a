namespace Course.Cli.Exercises;

/// <summary>The last check of one exercise, as <c>.course/progress.json</c> keeps it.</summary>
/// <param name="Title">The exercise's title when it was checked.</param>
/// <param name="Status">What the check found.</param>
/// <param name="CheckedAt">When (UTC).</param>
/// <param name="Message">The check's summary, or why it had no result.</param>
internal sealed record ExerciseProgress(string Title, ExerciseStatus Status, DateTimeOffset CheckedAt, string Message);
