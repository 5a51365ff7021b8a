using Course.Exercises;

namespace Course.Cli.Exercises;

/// <summary>Where a learner stands on an exercise, as <c>course check</c> found it and <c>course list</c> shows it.</summary>
internal enum ExerciseStatus
{
    /// <summary>Never checked with <c>course check</c>.</summary>
    NotChecked,

    /// <summary>The starter is untouched.</summary>
    NotAttempted,

    /// <summary>At least one case fails.</summary>
    Incorrect,

    /// <summary>Every case passes.</summary>
    Correct,

    /// <summary>The check produced no result: the learner's cell does not compile, or a cell before the check threw.</summary>
    Error,
}

internal static class ExerciseStatusText
{
    /// <summary>The status as the terminal shows it: <c>not attempted</c>.</summary>
    public static string Text(this ExerciseStatus status) => status switch
    {
        ExerciseStatus.NotChecked => "not checked",
        ExerciseStatus.NotAttempted => "not attempted",
        ExerciseStatus.Incorrect => "incorrect",
        ExerciseStatus.Correct => "correct",
        _ => "error",
    };

    public static ExerciseStatus ToStatus(this CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Correct => ExerciseStatus.Correct,
        CheckOutcome.Incorrect => ExerciseStatus.Incorrect,
        _ => ExerciseStatus.NotAttempted,
    };
}
