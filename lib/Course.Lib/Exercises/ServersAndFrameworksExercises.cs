namespace Course.Exercises;

/// <summary>The exercises of notebook 01, servers and frameworks.</summary>
public static class ServersAndFrameworksExercises
{
    /// <summary>The exercises of notebook 01, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [];
}
