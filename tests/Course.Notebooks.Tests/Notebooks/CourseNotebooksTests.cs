using Course.Cli.Exercises;
using Course.Exercises;
using Course.Notebooks.Running;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>
/// Every notebook of the course runs top to bottom without error, and its exercises verify both ways: with the
/// starters as written none passes, with the reference solutions substituted every one does (COURSE.md §5).
/// The notebooks are found in notebooks/, so a new one is tested as soon as it is added; the fixture in
/// Notebooks/Fixtures is verified too, against the exercises it tags.
/// </summary>
public sealed class CourseNotebooksTests
{
    private static readonly string s_fixtures = Path.Combine("tests", "Course.Notebooks.Tests", "Notebooks", "Fixtures");

    public static TheoryData<string> Notebooks()
    {
        var notebooks = Directory.GetFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb")
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, s_fixtures), "*.ipynb"))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Order(StringComparer.Ordinal);
        return [.. notebooks];
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_RunsWithoutError_AndItsExercisesVerifyBothWays(string notebook)
    {
        var path = Path.Combine(Repository.Root, notebook);
        var verifier = new NotebookVerifier(CatalogFor(notebook), new NotebookRunOptions(), NotebookVerifier.DefaultNotebookTimeLimit);

        var verification = await verifier.VerifyAsync(path, notebook, CancellationToken.None);

        Assert.True(verification.Passed, $"{notebook}:\n" + string.Join("\n", verification.Problems));
        Assert.All(verification.Exercises, e => Assert.Equal(ExerciseStatus.Correct, e.WithSolution));
    }

    // A course notebook answers to the whole catalog (every exercise of its number needs a starter); a fixture only to the exercises it tags.
    private static IReadOnlyList<Exercise> CatalogFor(string notebook) =>
        notebook.StartsWith(s_fixtures, StringComparison.Ordinal)
            ? [.. NotebookExercises.Find(global::Course.Notebooks.Ipynb.Notebook.Load(Path.Combine(Repository.Root, notebook))).Starters.Select(s => ExerciseCatalog.Find(s.Id)).OfType<Exercise>()]
            : ExerciseCatalog.All;
}
