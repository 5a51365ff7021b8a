using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Course.Exercises;

/// <summary>
/// An exercise: an id (<c>01.2</c>: notebook 01, second exercise), a title, a hint and a reference
/// solution. The starter is the notebook cell tagged <c>exercise:01.2</c>; the solution is the source
/// that replaces it, which <see cref="Solution"/> shows and the course's tests substitute. The known-wrong
/// answers are sources the check must refuse, each with a phrase its message must contain; <c>course verify</c>
/// runs all three kinds: the starter must not pass, every known-wrong answer must fail with its phrase, the
/// solution must pass.
/// </summary>
public abstract class Exercise
{
    private static readonly ConcurrentDictionary<string, Task> s_warmUps = new(StringComparer.Ordinal);

    private protected Exercise(string id, string title, string hint, ExerciseAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var solution = answers.Solution;
        ArgumentNullException.ThrowIfNull(id);
        if (!Regex.IsMatch(id, @"^\d{2}\.[1-9]\d{0,2}$"))
        {
            throw new ArgumentException($"An exercise id is the notebook's two digits, a dot and a number (01.2), not \"{id}\".", nameof(id));
        }
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        ArgumentException.ThrowIfNullOrWhiteSpace(solution);
        Id = id;
        Title = title;
        HintText = hint;
        SolutionSource = solution.Trim('\n');
        KnownWrongAnswers = answers.KnownWrong;
    }

    /// <summary>The id, <c>NN.k</c>: notebook NN's k-th exercise.</summary>
    public string Id { get; }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The hint, as text.</summary>
    public string HintText { get; }

    /// <summary>The reference solution: the whole source of the exercise cell.</summary>
    public string SolutionSource { get; }

    /// <summary>Wrong answers the check must refuse, each with a phrase its message must contain.</summary>
    public IReadOnlyList<KnownWrongAnswer> KnownWrongAnswers { get; }

    /// <summary>The notebook's number, <c>01</c> for exercise <c>01.2</c>.</summary>
    public string Notebook => Id[..Id.IndexOf('.', StringComparison.Ordinal)];

    /// <summary>The cell tag that marks this exercise's starter cell: <c>exercise:01.2</c>.</summary>
    public string Tag => "exercise:" + Id;

    /// <summary>How many cases the check runs.</summary>
    public abstract int CaseCount { get; }

    /// <summary>Shows the hint.</summary>
    public ExerciseNote Hint() => new($"Hint for {Id}", HintText, IsCode: false);

    /// <summary>Shows the reference solution: paste it over the exercise cell, run it, and check again.</summary>
    public ExerciseNote Solution() => new($"Solution for {Id}", SolutionSource, IsCode: true);

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Title}";

    /// <summary>Starts the warm-up of exercise <paramref name="id"/> once per process (see <see cref="ExerciseCatalog.StartWarmUp"/>).</summary>
    internal static void StartWarmUp(string id) =>
        s_warmUps.GetOrAdd(id, key => OnItsOwnThread(() => ExerciseCatalog.Find(key)?.WarmUp()));

    /// <summary>Starts this exercise's warm-up once per process, as <see cref="ExerciseCatalog.StartWarmUp"/> does by id.</summary>
    internal Task StartWarmUp() => s_warmUps.GetOrAdd(Id, _ => OnItsOwnThread(WarmUp));

    // A warm-up waits for its case like a check does: on a thread of its own, not on one the thread pool needs for the
    // case's own work (a machine with 2 cores starts with 2 pool threads).
    private static Task OnItsOwnThread(Action warmUp)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                warmUp();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        }) { IsBackground = true, Name = "course-exercise-warm-up" }.Start();
        return done.Task;
    }

    /// <summary>True when the exercise has a stand-in answer to warm its check up with.</summary>
    internal abstract bool HasWarmUpAnswer { get; private protected set; }

    /// <summary>Runs the check's machinery with a stand-in answer and drops the result; nothing when the exercise has none.</summary>
    private protected abstract void WarmUp();

    /// <summary>Waits (up to <paramref name="limit"/>) for this exercise's warm-up, if one is running: a check never runs beside it.</summary>
    private protected void WaitForWarmUp(TimeSpan limit)
    {
        if (s_warmUps.TryGetValue(Id, out var warmUp))
        {
            try
            {
                warmUp.Wait(limit);
            }
            catch (AggregateException)
            {
                // A warm-up that failed changes nothing: the check runs as it would have.
            }
        }
    }
}
