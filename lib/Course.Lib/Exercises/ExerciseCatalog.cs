namespace Course.Exercises;

/// <summary>Every exercise in the course, found by id: what <c>course hint</c>, <c>course solution</c> and the course's tests use.</summary>
public static class ExerciseCatalog
{
    /// <summary>All exercises, in course order.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        .. StartHereExercises.All,
        .. ServersAndFrameworksExercises.All,
        .. CoroutinesAndThreadsExercises.All,
        .. EventLoopExercises.All,
        .. RoutingAndParametersExercises.All,
        .. ModelsValidationErrorsExercises.All,
        .. DependencyInjectionExercises.All,
        .. MiddlewareOrderExercises.All,
        .. PaginationExercises.All,
    ];

    /// <summary>The exercise with id <paramref name="id"/> (for example <c>01.2</c>), or null.</summary>
    public static Exercise? Find(string id) => All.FirstOrDefault(e => e.Id == id.Trim());

    /// <summary>The exercises of notebook <paramref name="notebook"/> (for example <c>01</c>).</summary>
    public static IReadOnlyList<Exercise> ForNotebook(string notebook) => [.. All.Where(e => e.Notebook == notebook)];
}
