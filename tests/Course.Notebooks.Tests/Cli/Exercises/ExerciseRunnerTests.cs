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
        return await ExerciseRunner.RunAsync(Notebook.Load(path), "00-run.ipynb", new NotebookRunOptions(), CancellationToken.None);
    }

    [Fact]
    public async Task Run_TakesTheFirstResultAfterTheStarter_AndGoesOnPastFailingCells()
    {
        var run = await RunAsync(
            ExerciseNotebooks.Setup(),
            ExerciseNotebooks.Check("StartHereExercises.Greeting.Check(name => \"Hello, \" + name + \"!\")", id: "demo"), // a correct result shown before the starter
            NotebookCell.Code("throw new InvalidOperationException(\"a failing cell\");", id: "fails"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Constant),
            ExerciseNotebooks.Check());

        var report = Assert.Single(run.Reports);
        Assert.Equal(("00.1", "Greet by name", ExerciseStatus.Incorrect), (report.Id, report.Title, report.Status));
        Assert.Equal(
            ["Greet(\"Linus\") returns \"Hello, Linus!\"", "Greet(\"Grace Hopper\") returns \"Hello, Grace Hopper!\"", "Greet(any other name) returns \"Hello, <that name>!\""],
            report.FailedCases.Select(c => c.Name));
        var failure = Assert.Single(run.OtherFailures);
        Assert.Equal("00-run.ipynb, cell 3, line 1: System.InvalidOperationException: a failing cell", failure.Description);
    }

    [Fact]
    public async Task Run_CheckCellEndingWithASemicolon_ShowsNoResult_AndTheExerciseIsAnError_SayingWhy()
    {
        var run = await RunAsync(ExerciseNotebooks.Setup(), ExerciseNotebooks.Starter(ExerciseNotebooks.Untouched), ExerciseNotebooks.Check("StartHereExercises.Greeting.Check(Greet);"));

        var report = Assert.Single(run.Reports);
        Assert.Equal(ExerciseStatus.Error, report.Status);
        Assert.StartsWith("no check result after its starter cell (cell 2)", report.Message, StringComparison.Ordinal);
        Assert.Empty(run.OtherFailures);
    }

    public void Dispose() => _course.Dispose();
}
