using Course.Exercises;

namespace Course.Cli.Exercises;

/// <summary>
/// What one run found for one exercise. <paramref name="Message"/> is the check's summary, or for an
/// <see cref="ExerciseStatus.Error"/> the one-line reason it has no result; <paramref name="FailedCases"/>
/// are the cases that did not pass when it is <see cref="ExerciseStatus.Incorrect"/>.
/// </summary>
internal sealed record ExerciseReport(string Id, string Title, ExerciseStatus Status, string Message, IReadOnlyList<CaseResult> FailedCases);
