namespace Course.Exercises;

/// <summary>Every exercise in the course, found by id: what <c>course hint</c>, <c>course solution</c> and the course's tests use.</summary>
public static class ExerciseCatalog
{
    // Notebook NN's exercises at index NN. Each list is made on first use: finding one exercise loads one notebook's answers.
    private static readonly Func<IReadOnlyList<Exercise>>[] s_notebooks =
    [
        () => StartHereExercises.All,
        () => ServersAndFrameworksExercises.All,
        () => CoroutinesAndThreadsExercises.All,
        () => EventLoopExercises.All,
        () => RoutingAndParametersExercises.All,
        () => ModelsValidationErrorsExercises.All,
        () => DependencyInjectionExercises.All,
        () => MiddlewareOrderExercises.All,
        () => PaginationExercises.All,
    ];

    private static readonly Lazy<IReadOnlyList<Exercise>> s_all = new(() => [.. s_notebooks.SelectMany(notebook => notebook())]);

    /// <summary>All exercises, in course order.</summary>
    public static IReadOnlyList<Exercise> All => s_all.Value;

    /// <summary>The exercise with id <paramref name="id"/> (for example <c>01.2</c>), or null.</summary>
    public static Exercise? Find(string id)
    {
        id = id.Trim();
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && int.TryParse(id.AsSpan(0, dot), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var notebook)
            && notebook < s_notebooks.Length
            ? s_notebooks[notebook]().FirstOrDefault(e => e.Id == id)
            : null;
    }

    /// <summary>
    /// Starts warming exercise <paramref name="id"/>'s check up on a thread of its own and returns at once: its first case runs
    /// against a stand-in answer of the course's own (<see cref="Exercise{TAnswer}.WarmUpAnswer"/>) and the result is dropped,
    /// so that the check that follows finds ASP.NET Core, EF Core and its own code compiled by the JIT — on a fresh process,
    /// that is most of a first check's time. <c>course check</c> calls it at the end of the setup cell it runs, so the
    /// warm-up overlaps the compilation of the answer cell; the check waits for a warm-up still running before its first
    /// case. Once per exercise and process; an unknown id, or an exercise without a stand-in answer, warms nothing.
    /// </summary>
    /// <param name="id">The exercise's id, <c>NN.k</c>.</param>
    public static void StartWarmUp(string id) => Exercise.StartWarmUp(id.Trim());

    /// <summary>The exercises of notebook <paramref name="notebook"/> (for example <c>01</c>).</summary>
    public static IReadOnlyList<Exercise> ForNotebook(string notebook) => [.. All.Where(e => e.Notebook == notebook)];
}
