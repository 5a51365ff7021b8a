using Course.Notebooks.Ipynb;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli;

/// <summary><c>course check</c> and <c>course list</c> end to end, on a course folder with a greeting exercise that loads the built course library.</summary>
public sealed class CheckCommandTests : IDisposable
{
    private readonly TempDirectory _course = new();

    private string Greeting(string starter) => ExerciseNotebooks.WriteGreeting(_course.PathOf("notebooks/00-greeting.ipynb"), starter);

    private string ProgressFile => _course.PathOf(".course/progress.json");

    [Fact]
    public async Task Check_UntouchedStarter_IsNotAttempted_RecordedAndListed()
    {
        var path = Greeting(ExerciseNotebooks.Untouched);
        var before = await File.ReadAllBytesAsync(path);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "00");
        var (listExitCode, list) = await CourseCommand.RunAsync(_course.FullName, "list");

        Assert.Equal(1, exitCode);
        Assert.Contains("00.1 Greet by name: not attempted", output, StringComparison.Ordinal);
        Assert.Contains("'course hint 00.1'", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path)); // outputs are never written into the notebook
        Assert.Contains("\"00.1\"", await File.ReadAllTextAsync(ProgressFile), StringComparison.Ordinal);
        Assert.Equal(0, listExitCode);
        Assert.Matches(@"00\.1\s+Greet by name\s+not attempted\s+\d{4}-\d\d-\d\d \d\d:\d\d", list);
    }

    [Fact]
    public async Task Check_ConstantAnswer_IsIncorrect_ShowingEachFailedCaseAndItsMessage()
    {
        Greeting(ExerciseNotebooks.Constant);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "0.1");

        Assert.Equal(1, exitCode);
        Assert.Contains("00.1 Greet by name: incorrect", output, StringComparison.Ordinal);
        Assert.Contains("✘ GET /hello/Linus, /hello/Grace%20Hopper, /hello/Zoë → \"Hello, <that name>!\" " + ExerciseNotebooks.ConstantFailsForLinus, output, StringComparison.Ordinal);
        Assert.Contains("the ?greeting= in the query string was ignored", output, StringComparison.Ordinal);
        Assert.DoesNotContain("GET /hello/Ada → 200", output, StringComparison.Ordinal); // the cases that passed
        Assert.DoesNotContain("(the greeting defaults to", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ReferenceSolution_IsCorrect_AndExits0()
    {
        Greeting(ExerciseNotebooks.Right);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "--all");

        Assert.Equal(0, exitCode);
        Assert.Contains("00.1 Greet by name: correct", output, StringComparison.Ordinal);
        Assert.Contains("1 exercise: 1 correct.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StarterThatDoesNotCompile_IsAnErrorLine_NamingTheCellAndDiagnostic()
    {
        Greeting(ExerciseNotebooks.DoesNotCompile);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "00");

        Assert.Equal(1, exitCode);
        var line = Assert.Single(output.Split('\n'), l => l.Contains("00.1 Greet by name: error", StringComparison.Ordinal));
        Assert.Contains($"{Path.Combine("notebooks", "00-greeting.ipynb")}, code cell 2, line 1: error CS0029: Cannot implicitly convert type 'int' to 'string'", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("another cell failed", output, StringComparison.Ordinal); // the check cell's CS0103 follows from the same mistake
    }

    [Fact]
    public async Task Check_OneExercise_ReportsOnlyThatOne_AndKeepsTheOthersProgress()
    {
        TwoExercises();
        await CourseCommand.RunAsync(_course.FullName, "check", "--all");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "00.2");
        var (_, list) = await CourseCommand.RunAsync(_course.FullName, "list");

        Assert.Equal(1, exitCode);
        Assert.Contains("00.2 Double it: not attempted", output, StringComparison.Ordinal);
        Assert.DoesNotContain("00.1", output.Replace("'course check 00.1'", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Matches(@"00\.1\s+Greet by name\s+correct", list);
        Assert.Matches(@"00\.2\s+Double it\s+not attempted", list);
        Assert.Contains("Notebook 00: 1 of 2 correct", list, StringComparison.Ordinal);
        Assert.Contains("In all: 1 of 2 exercises correct.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RunsTheSetupCellAndTheExercisesCellsOnly_NotTheLessonAroundThem()
    {
        ExerciseNotebooks.Write(_course.PathOf("notebooks/00-lesson.ipynb"),
            ExerciseNotebooks.Setup(),
            NotebookCell.Code("throw new InvalidOperationException(\"a lesson cell\");", id: "lesson"),
            NotebookCell.Code("Thread.Sleep(60_000);", id: "slow"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Right),
            ExerciseNotebooks.Check());

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "00.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("00.1 Greet by name: correct", output, StringComparison.Ordinal);
        Assert.DoesNotContain("a lesson cell", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_SetupCellEndingInAnExpressionAndAComment_WithAVariableNamedCourse_StillChecks()
    {
        // The check run ends the setup cell with the exercises' warm-up calls: whatever the cell ends with, they must compile.
        var path = _course.PathOf("notebooks/00-setup.ipynb");
        ExerciseNotebooks.Write(path,
            NotebookCell.Code(ExerciseNotebooks.Setup().Source + "\nvar Course = \"shadows the namespace\";\nCourse.Length // ends without a semicolon", id: "setup"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Right),
            ExerciseNotebooks.Check());
        var before = await File.ReadAllBytesAsync(path);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "00.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("00.1 Greet by name: correct", output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    // 00.1 answered, 00.2 (defined in the setup cell, as a notebook of the course defines none) untouched.
    private void TwoExercises() =>
        ExerciseNotebooks.Write(_course.PathOf("notebooks/00-two.ipynb"),
            NotebookCell.Code(ExerciseNotebooks.Setup().Source + "\nvar doubling = new Exercise<Func<int, int>>(\"00.2\", \"Double it\", \"Multiply.\", \"int Double(int x) => 2 * x;\", [new(\"Double(21) is 42\", f => Expect.Equal(42, f(21)))]);", id: "setup"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Right),
            ExerciseNotebooks.Check(),
            ExerciseNotebooks.Starter("int Double(int x) => throw new NotImplementedException();", id: "00.2"),
            ExerciseNotebooks.Check("doubling.Check(Double)", id: "check2"));

    [Fact]
    public async Task List_BeforeAnyCheck_ShowsEveryTaggedExerciseAsNotChecked()
    {
        Greeting(ExerciseNotebooks.Untouched);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("Greetings", output, StringComparison.Ordinal);
        Assert.Matches(@"00\.1\s+Greet by name\s+not checked", output);
    }

    [Fact]
    public async Task CorruptProgressFile_IsReportedByList_AndKeptAsABackupByCheck()
    {
        Greeting(ExerciseNotebooks.Right);
        Directory.CreateDirectory(Path.GetDirectoryName(ProgressFile)!);
        await File.WriteAllTextAsync(ProgressFile, "{ \"exercises\": { \"00.1\": ");

        var (listExitCode, list) = await CourseCommand.RunAsync(_course.FullName, "list");
        var (checkExitCode, check) = await CourseCommand.RunAsync(_course.FullName, "check", "00");
        var (_, listAfter) = await CourseCommand.RunAsync(_course.FullName, "list");

        Assert.Equal(0, listExitCode);
        Assert.Contains($"course: {Path.Combine(".course", "progress.json")} could not be read", list, StringComparison.Ordinal);
        Assert.Matches(@"00\.1\s+Greet by name\s+not checked", list);
        Assert.Equal(0, checkExitCode);
        Assert.Contains($"kept it as {Path.Combine(".course", "progress.json.unreadable-")}", check, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", check, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(@"00\.1\s+Greet by name\s+correct", listAfter);
        Assert.DoesNotContain("could not be read", listAfter, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "check", "07.3" }, "no notebook has an exercise 07.3; the exercises are 00.1")]
    [InlineData(new[] { "check", "42" }, "no notebook numbered 42")]
    [InlineData(new[] { "check" }, "name one exercise, one notebook or --all")]
    public async Task Check_WrongArguments_AreOneClearLine_WithExitCode2(string[] args, string message)
    {
        Greeting(ExerciseNotebooks.Untouched);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, args);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ExerciseOfAnUnreadableNotebook_NamesTheFileAndWhy()
    {
        Greeting(ExerciseNotebooks.Untouched);
        var broken = _course.PathOf("notebooks/07-middleware-order.ipynb");
        await File.WriteAllTextAsync(broken, "{ \"cells\": [ { \"cell_type\": \"code\", \"source\": ");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "check", "07.1");

        Assert.Equal(2, exitCode);
        Assert.Contains($"{Path.Combine("notebooks", "07-middleware-order.ipynb")} cannot be read (invalid JSON", output, StringComparison.Ordinal);
        Assert.Contains("07.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("no notebook has an exercise 07.1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAndCheck_WhenTheCourseLibraryIsNotBuilt_SayHowToBuildIt()
    {
        ExerciseNotebooks.Write(_course.PathOf("notebooks/00-greeting.ipynb"),
            NotebookCell.Code("#r \"../lib/Course.Lib/bin/Course.Lib.dll\"\nusing Course.Exercises;", id: "setup"),
            ExerciseNotebooks.Starter(ExerciseNotebooks.Untouched),
            ExerciseNotebooks.Check());

        var (runExitCode, run) = await CourseCommand.RunAsync(_course.FullName, "run", "00");
        var (checkExitCode, check) = await CourseCommand.RunAsync(_course.FullName, "check", "00");

        var expected = $"course: {Path.Combine("notebooks", "00-greeting.ipynb")} needs the course library {Path.Combine("lib", "Course.Lib", "bin", "Course.Lib.dll")}, which is missing: build it with 'dotnet build lib/Course.Lib'";
        Assert.Equal((2, 2), (runExitCode, checkExitCode));
        Assert.Contains(expected, run, StringComparison.Ordinal);
        Assert.Contains(expected, check, StringComparison.Ordinal);
        Assert.DoesNotContain("cell 1", run, StringComparison.Ordinal); // nothing ran
    }

    public void Dispose() => _course.Dispose();
}
