using Course.Cli.Exercises;
using Course.Exercises;
using Course.Hosting;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Course.Notebooks.Tests.Cli.Exercises;

/// <summary>Three-way verification finds each kind of defect in a notebook's exercises (the passing case: Notebooks/CourseNotebooksTests).</summary>
public sealed class NotebookVerifierTests : IDisposable
{
    private readonly TempDirectory _course = new();

    private static NotebookVerifier Verifier(IReadOnlyList<Exercise> catalog, TimeSpan? limit = null) =>
        new(catalog, new NotebookRunOptions(), limit ?? NotebookVerifier.DefaultRunTimeLimit, NotebookVerifier.DefaultParallelRuns);

    private Task<NotebookVerification> VerifyAsync(NotebookVerifier verifier, string path) => verifier.VerifyAsync(path, Path.GetFileName(path), CancellationToken.None);

    [Fact]
    public async Task Verify_StarterThatAlreadyPasses_IsACheckThatCannotFail()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Right);

        var verification = await VerifyAsync(Verifier([StartHereExercises.Greeting]), path);

        Assert.False(verification.Passed);
        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("as written, 00.1 already reports correct: its check cannot fail", problem, StringComparison.Ordinal);
        var wrong = StartHereExercises.Greeting.KnownWrongAnswers.Count;
        Assert.Equal([new ExerciseVerification("00.1", "Greet by name", ExerciseStatus.Correct, wrong, wrong, ExerciseStatus.Correct)], verification.Exercises);
    }

    [Fact]
    public async Task Verify_ReferenceSolutionThatFailsTheCheck_IsReportedWithTheFailedCases()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var wrongSolution = new Exercise<Action<WebApplication>>("00.1", "Greet by name", "a hint", ExerciseNotebooks.Constant, [new("unused", _ => { })]);

        var verification = await VerifyAsync(Verifier([wrongSolution]), path);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("with its solution, 00.1 reports incorrect:", problem, StringComparison.Ordinal);
        Assert.Contains(ExerciseNotebooks.ConstantFailsForLinus, problem, StringComparison.Ordinal);
        Assert.Equal(ExerciseStatus.NotAttempted, Assert.Single(verification.Exercises).AsWritten);
        Assert.Equal(2, verification.Runs);
    }

    [Fact]
    public async Task Verify_AKnownWrongAnswerTheCheckAccepts_IsAProblemNamingTheMistake()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var accepted = new KnownWrongAnswer("concatenation", "builds the greeting with +, which is fine", "anything",
            "void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name, string greeting = \"Hello\") => greeting + \", \" + name + \"!\");");

        var verification = await VerifyAsync(Verifier([Greeting(accepted)]), path);

        Assert.Equal(["00.1's wrong answer 'concatenation' (builds the greeting with +, which is fine) reports correct: the check accepts this mistake"], verification.Problems);
        Assert.Equal(new ExerciseVerification("00.1", "Greet by name", ExerciseStatus.NotAttempted, 0, 1, ExerciseStatus.Correct), Assert.Single(verification.Exercises));
        Assert.Equal(3, verification.Runs);
    }

    [Fact]
    public async Task Verify_AKnownWrongAnswerRefusedWithoutItsPhrase_IsAProblem()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var unexplained = new KnownWrongAnswer("constant", "a constant", "ignores the name", ExerciseNotebooks.Constant);

        var verification = await VerifyAsync(Verifier([Greeting(unexplained)]), path);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("00.1's wrong answer 'constant' (a constant) is refused, but no message contains \"ignores the name\"", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AKnownWrongAnswerThatDoesNotCompile_IsAProblem_NotARefusal()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);
        var broken = new KnownWrongAnswer("broken", "assigns a number to a string", "MapHello", ExerciseNotebooks.DoesNotCompile);

        var verification = await VerifyAsync(Verifier([Greeting(broken)]), path);

        var problem = Assert.Single(verification.Problems);
        Assert.StartsWith("00.1's wrong answer 'broken' (assigns a number to a string) reports error, not incorrect:", problem, StringComparison.Ordinal);
        Assert.Contains("CS0029", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_TheCoursesKnownWrongAnswers_AreAllRefusedWithTheirPhrase()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), ExerciseNotebooks.Untouched);

        var verification = await VerifyAsync(Verifier([StartHereExercises.Greeting]), path);

        Assert.True(verification.Passed, string.Join("\n", verification.Problems));
        var exercise = Assert.Single(verification.Exercises);
        Assert.Equal(StartHereExercises.Greeting.KnownWrongAnswers.Count, exercise.WrongRefused);
        Assert.Equal(2 + exercise.WrongCount, verification.Runs);
    }

    [Fact]
    public async Task Verify_AnExerciseThatNeedsAnotherCellOfTheNotebook_IsNotSelfContained()
    {
        var path = ExerciseNotebooks.Write(_course.PathOf("00-greeting.ipynb"),
            ExerciseNotebooks.Setup(),
            NotebookCell.Code("static string Shout(string s) => s + \"!\";", id: "helper"),
            ExerciseNotebooks.Starter("void MapHello(WebApplication app) => throw new NotImplementedException(Shout(\"Hello\"));"),
            ExerciseNotebooks.Check());
        var exercise = new Exercise<Action<WebApplication>>("00.1", "Greet by name", "a hint",
            "void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name) => Shout($\"Hello, {name}\"));",
            StartHereExercisesCases());

        var verification = await VerifyAsync(Verifier([exercise]), path);

        Assert.Contains(verification.Problems, p => p.StartsWith("as written, 00.1 has no check result:", StringComparison.Ordinal) && p.Contains("CS0103", StringComparison.Ordinal));
        Assert.Contains(verification.Problems, p => p.StartsWith("with its solution, 00.1 reports error:", StringComparison.Ordinal) && p.Contains("Shout", StringComparison.Ordinal));
    }

    private static Exercise<Action<WebApplication>> Greeting(params KnownWrongAnswer[] wrong) =>
        new("00.1", "Greet by name", "a hint", new ExerciseAnswers(StartHereExercises.Greeting.SolutionSource, wrong), StartHereExercisesCases());

    // The notebook's check cell calls the catalog's StartHereExercises.Greeting: these cases (one, in its shape) only make the exercise.
    private static IReadOnlyList<CheckCase<Action<WebApplication>>> StartHereExercisesCases() =>
        [new("GET /hello/Ada → 200, body \"Hello, Ada!\"", async (map, token) =>
        {
            var server = await InMemoryServer.StartAsync(_ => { }, map, "Production", token);
            await using (server)
            {
                Expect.Equal("Hello, Ada!", (await server.GetAsync("/hello/Ada", token)).Body, "the body of GET /hello/Ada");
            }
        })];

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
    public async Task Verify_ARunPastTheLimit_IsStoppedAndReported()
    {
        var path = ExerciseNotebooks.WriteGreeting(_course.PathOf("00-greeting.ipynb"), "void MapHello(WebApplication app) { while (true) { } }");

        var verification = await VerifyAsync(Verifier([new Exercise<Action<WebApplication>>("00.1", "Greet by name", "a hint", "while (true) { }", StartHereExercisesCases())], TimeSpan.FromSeconds(3)), path);

        Assert.Contains("00.1 as written: did not finish within the verification limit of 3 s", verification.Problems);
    }

    private static Exercise Exercise(string id) =>
        new Exercise<int>(id, $"Title of {id}", "a hint", "var answer = 1;", [new("a case", answer => Expect.Equal(1, answer))]);

    public void Dispose() => _course.Dispose();
}
