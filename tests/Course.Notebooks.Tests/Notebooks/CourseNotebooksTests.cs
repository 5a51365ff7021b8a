using Course.Cli.Exercises;
using Course.Exercises;
using Course.Notebooks.Running;
using Course.Notebooks.Sessions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Notebooks;

/// <summary>
/// Every notebook of the course runs top to bottom without error, and its exercises verify three ways, each with
/// the setup cell and its own cells only: the starter as written does not pass, every known-wrong answer is refused
/// naming its mistake, the reference solution passes (COURSE.md §5).
/// The notebooks are found in notebooks/, so a new one is tested as soon as it is added; the fixture in
/// Notebooks/Fixtures is verified too, against the exercises it tags.
/// </summary>
public sealed class CourseNotebooksTests
{
    private static readonly string s_fixtures = Path.Combine("tests", "Course.Notebooks.Tests", "Notebooks", "Fixtures");

    public static TheoryData<string> Notebooks() => [.. NotebookPaths()];

    /// <summary>The cells tagged <c>measurement</c>: they time something or count cores, and state their claim as a verdict.</summary>
    public const string MeasurementTag = "measurement";

    public static TheoryData<string> NotebooksWithoutMeasurements() => [.. NotebookPaths().Where(n => !HasMeasurements(n))];

    public static TheoryData<string> NotebooksWithMeasurements() => [.. NotebookPaths().Where(HasMeasurements)];

    [Theory]
    [MemberData(nameof(NotebooksWithoutMeasurements))]
    public async Task Notebook_RunsTopToBottomWithoutError(string notebook)
    {
        var (failures, _) = await RunAsync(notebook);

        Assert.Empty(failures);
    }

    /// <summary>The notebooks with a FastAPI twin (<c>FastApiApp.StartAsync</c>): they also run as on a machine without Python.</summary>
    public static TheoryData<string> NotebooksWithFastApiTwins() =>
        [.. NotebookPaths().Where(n => File.ReadAllText(Path.Combine(Repository.Root, n)).Contains("FastApiApp.StartAsync", StringComparison.Ordinal))];

    // Run live above (in verify mode, so a recording that no longer matches its live app fails); here every FastAPI app
    // replays its recording instead, as where no Python with FastAPI is installed (issue 20).
    [Theory]
    [MemberData(nameof(NotebooksWithFastApiTwins))]
    public async Task NotebookWithFastApiTwins_RunsTopToBottom_FromTheRecordings(string notebook)
    {
        var (failures, _) = await RunAsync(notebook, fastApiMode: "recorded");

        Assert.Empty(failures);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_ItsExercisesVerifyThreeWays(string notebook)
    {
        var path = Path.Combine(Repository.Root, notebook);
        var verifier = new NotebookVerifier(CatalogFor(notebook), new NotebookRunOptions(), NotebookVerifier.DefaultRunTimeLimit, NotebookVerifier.DefaultParallelRuns);

        var verification = await verifier.VerifyAsync(path, notebook, CancellationToken.None);

        Assert.True(verification.Passed, $"{notebook}:\n" + string.Join("\n", verification.Problems));
        Assert.All(verification.Exercises, e => Assert.Equal(ExerciseStatus.Correct, e.WithSolution));
    }

    private static IEnumerable<string> NotebookPaths() =>
        Directory.GetFiles(Path.Combine(Repository.Root, "notebooks"), "*.ipynb")
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, s_fixtures), "*.ipynb"))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .Order(StringComparer.Ordinal);

    private static bool HasMeasurements(string notebook) =>
        global::Course.Notebooks.Ipynb.Notebook.Load(Path.Combine(Repository.Root, notebook)).Cells.Any(c => c.IsCode && c.Tags.Contains(MeasurementTag));

    /// <summary>
    /// Runs the notebook top to bottom: the failing cells, and the text each measurement cell printed. FastAPI twins run
    /// live and must answer as their recordings say (<c>COURSE_FASTAPI=verify</c>), unless <paramref name="fastApiMode"/> says otherwise.
    /// </summary>
    internal static async Task<(List<string> Failures, Dictionary<int, string> Measurements)> RunAsync(string notebook, string fastApiMode = "verify")
    {
        var failures = new List<string>();
        var measurements = new Dictionary<int, string>();
        var options = new NotebookRunOptions { Environment = new Dictionary<string, string?> { ["COURSE_FASTAPI"] = fastApiMode } };
        await foreach (var runEvent in NotebookRunner.RunAsync(global::Course.Notebooks.Ipynb.Notebook.Load(Path.Combine(Repository.Root, notebook)), options))
        {
            if (runEvent.Event is CellCompleted { Status: not CellStatus.Ok } completed)
            {
                failures.Add($"cell {runEvent.CellNumber}: {completed.Status}");
            }
            else if (runEvent.Event is ErrorOutput error)
            {
                failures.Add($"cell {runEvent.CellNumber}, line {error.Line}: {error.Name}: {error.Message}");
            }
            if (runEvent.Cell.Tags.Contains(MeasurementTag))
            {
                measurements[runEvent.CellNumber] = measurements.GetValueOrDefault(runEvent.CellNumber, "") + runEvent.Event switch
                {
                    StreamOutput stream => stream.Text,
                    ResultOutput result => result.Data.GetValueOrDefault("text/plain", "") + "\n",
                    DisplayOutput display => display.Data.GetValueOrDefault("text/plain", "") + "\n",
                    _ => "",
                };
            }
        }
        return (failures, measurements);
    }

    // A course notebook answers to the whole catalog (every exercise of its number needs a starter); a fixture only to the exercises it tags.
    private static IReadOnlyList<Exercise> CatalogFor(string notebook) =>
        notebook.StartsWith(s_fixtures, StringComparison.Ordinal)
            ? [.. NotebookExercises.Find(global::Course.Notebooks.Ipynb.Notebook.Load(Path.Combine(Repository.Root, notebook))).Starters.Select(s => ExerciseCatalog.Find(s.Id)).OfType<Exercise>()]
            : ExerciseCatalog.All;
}
