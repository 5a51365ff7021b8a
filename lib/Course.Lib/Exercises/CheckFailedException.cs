namespace Course.Exercises;

/// <summary>A check case found the answer wrong; the message says what is wrong, for the learner.</summary>
public sealed class CheckFailedException(string message) : Exception(message);
