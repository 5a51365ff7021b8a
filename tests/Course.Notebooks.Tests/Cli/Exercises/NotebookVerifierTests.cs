using Course.Cli.Exercises;
using Course.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli.Exercises;

/// <summary>Both-ways verification finds each kind of defect in a notebook's exercises (the passing case: Notebooks/CourseNotebooksTests).</summary>
public sealed class NotebookVerifierTests : IDisposable
{
    private readonly TempDirectory _course = new();

    private static NotebookVerifier Verifier(IReadOnlyList<Exercise> catalog, TimeSpan? limit = null) =>
        new(catalog, new NotebookRunOptions(), limit ?? NotebookVerifier.DefaultNotebookTimeLimit);

    private Task<NotebookVerification> VerifyAsync(NotebookVerifier verifier, string path) => verifier.VerifyAsync(path, Path.GetFileName(path), CancellationToken.None);

    [Fact]
    public async Task Verify_StarterThatAlreadyPasses_IsACheckThatCannotFail()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Right);

        var verification = await VerifyAsync(Verifier([StartHereExercises.Greeting]), path);

        Assert.False(verification.Passed);
        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("as written, 00.1 already reports correct: its check cannot fail", problem, StringComparison.Ordinal);
        Assert.Equal([new ExerciseVerification("00.1", "Greet by name", ExerciseStatus.Correct, ExerciseStatus.Correct)], verification.Exercises);
    }

    [Fact]
    public async Task Verify_ReferenceSolutionThatFailsTheCheck_IsReportedWithTheFailedCases()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var wrongSolution = new Exercise<Func<string, string>>("00.1", "Greet by name", "a hint", ExerciseNotebooks.Constant, [new("unused", _ => { })]);

        var verification = await VerifyAsync(Verifier([wrongSolution]), path);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("with its solution, 00.1 reports incorrect:", problem, StringComparison.Ordinal);
        Assert.Contains("Expected Greet(\"Linus\") to be \"Hello, Linus!\", but it was \"Hello, Ada!\".", problem, StringComparison.Ordinal);
        Assert.Equal(ExerciseStatus.NotAttempted, Assert.Single(verification.Exercises).AsWritten);
        Assert.Equal(2, verification.Runs);
    }

    [Fact]
    public async Task Verify_SolutionIsSubstitutedInMemoryOnly_TheFileIsUnchanged()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var before = await File.ReadAllBytesAsync(path);

        var verification = await VerifyAsync(Verifier([StartHereExercises.Greeting]), path);

        Assert.True(verification.Passed, string.Join("\n", verification.Problems));
        Assert.Equal(ExerciseStatus.Correct, Assert.Single(verification.Exercises).WithSolution);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task Verify_TagsThatDoNotMatchTheCatalog_AreEachAProblem()
    {
        var catalog = new[] { Exercise("01.1"), Exercise("01.2"), Exercise("02.1") };
        var path = ExerciseNotebooks.Write(_course.PathOf("01-tags.ipynb"),
            NotebookCell.Code("var a = 1;", tags: ["exercise:01.1"], id: "a"),
            NotebookCell.Code("var b = 1;", tags: ["exercise:01.1"], id: "b"),
            NotebookCell.Code("var c = 1;", tags: ["exercise:01.9"], id: "c"),
            NotebookCell.Code("var d = 1;", tags: ["exercise:02.1"], id: "d"),
            NotebookCell.Code("var e = 1;", tags: ["exercise:x"], id: "e"));

        var verification = await VerifyAsync(Verifier(catalog), path);

        Assert.Contains("exercise 01.1 has 2 starter cells (code cells 1, 2): tag exactly one exercise:01.1", verification.Problems);
        Assert.Contains("exercise 01.2 (Title of 01.2) has no starter cell: tag one code cell exercise:01.2", verification.Problems);
        Assert.Contains("code cell 3 is tagged exercise:01.9, which is not in the exercise catalog", verification.Problems);
        Assert.Contains("code cell 4 is tagged exercise:02.1, an exercise of notebook 02, not of notebook 01", verification.Problems);
        Assert.Contains(verification.Problems, p => p.StartsWith("code cell 5 has the tag \"exercise:x\", which does not mark a starter", StringComparison.Ordinal));
        Assert.Contains(verification.Problems, p => p.StartsWith("as written, 01.1 has no check result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_ANotebookThatRunsPastTheLimit_IsStoppedAndReported()
    {
        var path = ExerciseNotebooks.Write(_course.PathOf("03-spin.ipynb"), NotebookCell.Code("while (true) { }", id: "spin"));

        var verification = await VerifyAsync(Verifier([], TimeSpan.FromSeconds(2)), path);

        Assert.Equal(["as written: 03-spin.ipynb did not finish within the verification limit of 2 s"], verification.Problems);
    }

    private static Exercise Exercise(string id) =>
        new Exercise<int>(id, $"Title of {id}", "a hint", "var answer = 1;", [new("a case", answer => Expect.Equal(1, answer))]);

    public void Dispose() => _course.Dispose();
}
