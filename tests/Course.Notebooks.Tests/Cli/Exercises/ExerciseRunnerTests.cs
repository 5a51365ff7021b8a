using Course.Cli.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Running;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli.Exercises;

public sealed class ExerciseRunnerTests : IDisposable
{
    private readonly TempDirectory _course = new();

    private async Task<ExerciseRun> RunAsync(params NotebookCell[] cells)
    {
        var path = ExerciseNotebooks.Write(_course.PathOf("00-run.ipynb"), cells);
        var notebook = Notebook.Load(path);
        return await ExerciseRunner.RunAsync(notebook, "00-run.ipynb", NotebookExercises.Find(notebook).Starters, new NotebookRunOptions(), CancellationToken.None);
    }

    [Fact]
    public async Task Run_RunsOnlyTheSetupCellAndTheExercisesCells()
    {
        var run = await RunAsync(
            ExerciseNotebooks.Setup(),
            NotebookCell.Code("throw new InvalidOperationException(\"a cell the exercise does not need\");", id: "lesson"),
            NotebookCell.Code("void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name, string greeting = \"Hello\") => $\"{greeting}, {name}!\");", id: "defined-elsewhere"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Constant),
            ExerciseNotebooks.Check(),
            NotebookCell.Code("throw new InvalidOperationException(\"after the check\");", id: "after"));

        var report = Assert.Single(run.Reports);
        Assert.Equal(("00.1", "Greet by name", ExerciseStatus.Incorrect), (report.Id, report.Title, report.Status));
        Assert.Equal(
            ["GET /hello/Linus, /hello/Grace%20Hopper, /hello/Zoë → \"Hello, <that name>!\" (the name comes from the path)",
             "GET /hello/Ada?greeting=Hi → \"Hi, Ada!\"; GET /hello/Linus?greeting=Bonjour → \"Bonjour, Linus!\""],
            report.FailedCases.Select(c => c.Name));
        Assert.Empty(run.OtherFailures);
    }

    [Fact]
    public async Task Run_AnExerciseThatNeedsAnotherCell_FailsToCompile_NamingTheCell()
    {
        var run = await RunAsync(
            ExerciseNotebooks.Setup(),
            NotebookCell.Code("const string Greeting = \"Hello\";", id: "lesson"),
            ExerciseNotebooks.Starter("void MapHello(WebApplication app) => app.MapGet(\"/hello/{name}\", (string name) => $\"{Greeting}, {name}!\");"),
            ExerciseNotebooks.Check());

        var report = Assert.Single(run.Reports);
        Assert.Equal(ExerciseStatus.Error, report.Status);
        Assert.StartsWith("00-run.ipynb, code cell 3, line 1: error CS0103: The name 'Greeting' does not exist", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AFailingSetupCell_IsAnotherFailure_AndEveryExerciseSaysItHasNoResult()
    {
        var run = await RunAsync(
            NotebookCell.Code("throw new InvalidOperationException(\"setup failed\");", id: "setup"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Constant),
            ExerciseNotebooks.Check());

        Assert.Equal("00-run.ipynb, code cell 1, line 1: System.InvalidOperationException: setup failed", Assert.Single(run.OtherFailures).Description);
        Assert.Equal(ExerciseStatus.Error, Assert.Single(run.Reports).Status);
    }

    [Fact]
    public async Task Run_CheckCellEndingWithASemicolon_ShowsNoResult_AndTheExerciseIsAnError_SayingWhy()
    {
        var run = await RunAsync(ExerciseNotebooks.Setup(), ExerciseNotebooks.Starter(ExerciseNotebooks.Untouched), ExerciseNotebooks.Check("StartHereExercises.Greeting.Check(MapHello);"));

        var report = Assert.Single(run.Reports);
        Assert.Equal(ExerciseStatus.Error, report.Status);
        Assert.StartsWith("no check result after its starter cell (code cell 2)", report.Message, StringComparison.Ordinal);
        Assert.Empty(run.OtherFailures);
    }

    public void Dispose() => _course.Dispose();
}
