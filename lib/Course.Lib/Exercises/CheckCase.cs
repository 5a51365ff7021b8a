namespace Course.Exercises;

/// <summary>
/// One case of an exercise's check: a name that says what is checked, and code that runs the
/// learner's answer and throws <see cref="CheckFailedException"/> (through <see cref="Expect"/>)
/// when the answer is wrong.
/// </summary>
/// <typeparam name="TAnswer">What the learner hands to the check: a delegate, a type, a pipeline.</typeparam>
/// <param name="Name">What the case checks, as the results table shows it.</param>
/// <param name="Run">Runs the answer; the token is cancelled when the case's time limit passes.</param>
public sealed record CheckCase<TAnswer>(string Name, Func<TAnswer, CancellationToken, Task> Run)
{
    /// <summary>A case that runs synchronously.</summary>
    public CheckCase(string name, Action<TAnswer> run)
        : this(name, (answer, _) =>
        {
            run(answer);
            return Task.CompletedTask;
        })
    {
    }
}
