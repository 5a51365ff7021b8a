namespace Course.Exercises;

/// <summary>An exercise whose answer is a <typeparamref name="TAnswer"/>: a delegate, an object or a pipeline configuration.</summary>
/// <typeparam name="TAnswer">What the check cell hands to <see cref="Check"/>.</typeparam>
public sealed class Exercise<TAnswer> : Exercise
{
    private readonly IReadOnlyList<CheckCase<TAnswer>> _cases;

    /// <summary>Defines an exercise with a reference solution and no known-wrong answers (a quick exercise of your own).</summary>
    /// <param name="id">The id, <c>NN.k</c>.</param>
    /// <param name="title">The title.</param>
    /// <param name="hint">A hint that helps without giving the answer away.</param>
    /// <param name="solution">The reference solution: the whole source of the exercise cell.</param>
    /// <param name="cases">The check cases; a trivial answer must fail at least one.</param>
    /// <param name="caseTimeLimit">How long one case may run; 10 seconds when not given.</param>
    public Exercise(string id, string title, string hint, string solution, IReadOnlyList<CheckCase<TAnswer>> cases, TimeSpan? caseTimeLimit = null)
        : this(id, title, hint, new ExerciseAnswers(solution, []), cases, caseTimeLimit)
    {
    }

    /// <summary>Defines an exercise with its reference solution and the known-wrong answers its check must refuse.</summary>
    /// <param name="id">The id, <c>NN.k</c>.</param>
    /// <param name="title">The title.</param>
    /// <param name="hint">A hint that helps without giving the answer away.</param>
    /// <param name="answers">The reference solution and the known-wrong answers (<see cref="ExerciseAnswers.Load"/> for the course's own).</param>
    /// <param name="cases">The check cases; a trivial answer must fail at least one.</param>
    /// <param name="caseTimeLimit">How long one case may run; 10 seconds when not given.</param>
    public Exercise(string id, string title, string hint, ExerciseAnswers answers, IReadOnlyList<CheckCase<TAnswer>> cases, TimeSpan? caseTimeLimit = null)
        : base(id, title, hint, answers)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (cases.Count == 0)
        {
            throw new ArgumentException("An exercise needs at least one check case.", nameof(cases));
        }
        _cases = cases;
        CaseTimeLimit = caseTimeLimit ?? TimeSpan.FromSeconds(10);
    }

    /// <summary>How long one case may run before it counts as failed.</summary>
    public TimeSpan CaseTimeLimit { get; }

    /// <summary>
    /// A stand-in answer of the course's own, for <see cref="ExerciseCatalog.StartWarmUp"/>: the first case runs against it
    /// before the check, so that the check finds the code it exercises compiled. Null (the default): nothing to warm.
    /// </summary>
    public TAnswer? WarmUpAnswer
    {
        get;
        init
        {
            field = value;
            HasWarmUpAnswer = value is not null; // for a tuple of delegates, default is not null: only one that was set counts
        }
    }

    /// <inheritdoc/>
    internal override bool HasWarmUpAnswer { get; private protected set; }

    /// <inheritdoc/>
    public override int CaseCount => _cases.Count;

    /// <summary>
    /// Runs every case against <paramref name="answer"/> and returns the result, which a notebook shows
    /// as a table. Never throws because of the answer: whatever it throws, or a case that runs past
    /// <see cref="CaseTimeLimit"/>, is reported as that case's failure.
    /// </summary>
    public CheckResult Check(TAnswer answer)
    {
        var stuck = false;
        if (answer is null)
        {
            return CheckResult.From(this, [.. _cases.Select(c => new CaseResult(c.Name, CaseOutcome.NotAttempted, "No answer was given (it is null)."))]);
        }
        WaitForWarmUp(CaseTimeLimit);
        var results = new List<CaseResult>();
        foreach (var checkCase in _cases)
        {
            if (results.Count > 0 && stuck)
            {
                // The code that overran may still be running (a thread cannot be stopped): running more cases
                // beside it would only make them slow too.
                results.Add(new CaseResult(checkCase.Name, CaseOutcome.Failed,
                    "Not run: an earlier case did not finish, and its code may still be running. Fix the endless loop, restart the notebook's kernel (or run it again), then check again."));
                continue;
            }
            results.Add(CaseRunner.Run(checkCase.Name, token => checkCase.Run(answer, token), CaseTimeLimit, out stuck));
        }
        return CheckResult.From(this, SayEachCauseOnce(results));
    }

    private protected override void WarmUp()
    {
        if (HasWarmUpAnswer && WarmUpAnswer is { } answer)
        {
            CaseRunner.Run("warm-up", token => _cases[0].Run(answer, token), CaseTimeLimit);
        }
    }

    /// <summary>
    /// When several cases fail with the same message, one cause fails them all: the first says so, and the others
    /// point back to it instead of repeating it.
    /// </summary>
    internal static IReadOnlyList<CaseResult> SayEachCauseOnce(IReadOnlyList<CaseResult> results)
    {
        var failed = results.Where(r => r.Outcome == CaseOutcome.Failed).ToList();
        var firstWith = new Dictionary<string, CaseResult>(StringComparer.Ordinal);
        foreach (var result in failed)
        {
            firstWith.TryAdd(result.Message, result);
        }
        return [.. results.Select(r =>
        {
            if (r.Outcome != CaseOutcome.Failed || !firstWith.TryGetValue(r.Message, out var first))
            {
                return r;
            }
            var same = failed.Count(f => f.Message == r.Message);
            if (same == 1)
            {
                return r;
            }
            return ReferenceEquals(first, r)
                ? r with { Message = $"{r.Message} (The same cause fails {same - 1} more case{(same == 2 ? "" : "s")} below.)" }
                : r with { Message = $"The same cause as “{first.Name}” above." };
        })];
    }
}
