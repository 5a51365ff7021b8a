using Course.Exercises;

namespace Course.Cli.Exercises;

/// <summary>
/// What one run found for one exercise. <paramref name="Message"/> is the check's summary, or for an
/// <see cref="ExerciseStatus.Error"/> the one-line reason it has no result; <paramref name="FailedCases"/>
/// are the cases that did not pass when it is <see cref="ExerciseStatus.Incorrect"/>.
/// </summary>
internal sealed record ExerciseReport(string Id, string Title, ExerciseStatus Status, string Message, IReadOnlyList<CaseResult> FailedCases)
{
    /// <summary>The report of a check's result.</summary>
    public static ExerciseReport From(CheckResult result) =>
        new(result.Id, result.Title, result.Outcome.ToStatus(), result.Summary,
            result.Outcome == CheckOutcome.Incorrect ? [.. result.Cases.Where(c => c.Outcome != CaseOutcome.Passed)] : []);
}
