namespace Course.Exercises;

/// <summary>
/// A wrong answer that an exercise's check must refuse: the source of the exercise cell, the mistake it
/// stands for, and a phrase that the check's message must contain, so that the learner who makes this
/// mistake is told about it (learntools' <c>assert_check_failed</c>, kept beside the exercise).
/// </summary>
/// <param name="Name">A short name, from the file name: <c>put-answers-pong</c>.</param>
/// <param name="Mistake">The mistake, in one sentence.</param>
/// <param name="ExpectedPhrase">Text the failing check's message must contain (compared ignoring case).</param>
/// <param name="Source">The whole source of the exercise cell.</param>
public sealed record KnownWrongAnswer(string Name, string Mistake, string ExpectedPhrase, string Source);
