namespace Course.Exercises;

/// <summary>What a check concluded about an exercise, as in learntools.</summary>
public enum CheckOutcome
{
    /// <summary>The starter is untouched: every case reached the starter's <c>NotImplementedException</c>.</summary>
    NotAttempted,

    /// <summary>At least one case failed; each failed case says why.</summary>
    Incorrect,

    /// <summary>Every case passed.</summary>
    Correct,
}

/// <summary>What one check case concluded.</summary>
public enum CaseOutcome
{
    /// <summary>The answer did what the case expects.</summary>
    Passed,

    /// <summary>The answer was wrong, threw, or took longer than the time limit.</summary>
    Failed,

    /// <summary>The answer threw <c>NotImplementedException</c>: the starter is still in place.</summary>
    NotAttempted,
}
