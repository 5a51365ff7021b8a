namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>The repository the tests run in: its root (the folder with Course.Sln) and paths under it.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The course library as the build leaves it, where notebooks load it from.</summary>
    public static string CourseLibrary => Path.Combine(Root, "lib", "Course.Lib", "bin", "Course.Lib.dll");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Course.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The tests run outside the repository: Course.sln not found above " + AppContext.BaseDirectory);
    }
}
