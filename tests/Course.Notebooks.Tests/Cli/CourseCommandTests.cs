using System.Text.RegularExpressions;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli;

/// <summary>The <c>course</c> command end to end, on a course folder of generated notebooks.</summary>
public sealed class CourseCommandTests : IDisposable
{
    private readonly TempDirectory _course = new();

    private string Notebook(string name, params string[] cells) => TestNotebooks.Write(_course.PathOf(Path.Combine("notebooks", name)), cells);

    [Fact]
    public async Task Run_CompileErrorInTheThirdCodeCell_ExitsNonZero_NamingCellLineAndDiagnostic()
    {
        Notebook("01-first.ipynb", "# First", "var a = 1;", "var b = 2;", "var ok = true;\nint c = \"three\";", "Console.WriteLine(\"never printed\");");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "01");

        Assert.Equal(1, exitCode);
        Assert.Contains($"{Path.Combine("notebooks", "01-first.ipynb")}, code cell 3, line 2: error CS0029", output, StringComparison.Ordinal);
        Assert.DoesNotContain("never printed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrintsAnUpdatedDisplayOnce_AsFirstShown_ThenItsLastValue_WhenTheCellEnds()
    {
        Notebook("01-progress.ipynb", "var progress = display(\"0 of 50\");\nfor (var i = 1; i <= 50; i++) progress.Update($\"{i} of 50\");\nConsole.WriteLine(\"done\");");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "01");

        Assert.Equal(0, exitCode);
        Assert.Contains("0 of 50", output, StringComparison.Ordinal);
        Assert.DoesNotContain("25 of 50", output, StringComparison.Ordinal);
        Assert.True(output.IndexOf("done", StringComparison.Ordinal) < output.IndexOf("50 of 50", StringComparison.Ordinal), output);
        Assert.Single(output.Split('\n'), line => line.Contains("50 of 50", StringComparison.Ordinal) && !line.StartsWith('0'));
    }

    [Fact]
    public async Task RunAll_AnEndlessLoopHitsItsTimeLimit_AndTheNextNotebookStillRuns()
    {
        Notebook("01-spin.ipynb", "while (true) {}");
        Notebook("02-after.ipynb", "Console.WriteLine(\"second notebook ran\");");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "--all", "--timeout", "2");

        Assert.Equal(1, exitCode);
        Assert.Contains("ran past its time limit of 2 s", output, StringComparison.Ordinal);
        Assert.Contains("second notebook ran", output, StringComparison.Ordinal);
        Assert.Contains("1 of 2 notebooks failed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralNotebooks_RunsThemInTheOrderGiven_OneFailingDoesNotStopTheOthers_AndSummarizesEach()
    {
        Notebook("01-first.ipynb", "Console.WriteLine(\"first notebook ran\");");
        Notebook("02-broken.ipynb", "throw new InvalidOperationException(\"broken on purpose\");");
        Notebook("03-third.ipynb", "Console.WriteLine(\"third notebook ran\");");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "03", "02", "01-first.ipynb", "3");

        Assert.Equal(1, exitCode);
        var third = output.IndexOf("third notebook ran", StringComparison.Ordinal);
        var first = output.IndexOf("first notebook ran", StringComparison.Ordinal);
        Assert.True(third >= 0 && first > third, output);
        Assert.Single(output.Split('\n'), line => line.Contains("third notebook ran", StringComparison.Ordinal)); // named twice, run once
        var summary = output[output.IndexOf("Summary", StringComparison.Ordinal)..];
        Assert.Matches($@"✓ {Regex.Escape(Path.Combine("notebooks", "03-third.ipynb"))}\s+ran in \d+\.\d s", summary);
        Assert.Matches($@"✗ {Regex.Escape(Path.Combine("notebooks", "02-broken.ipynb"))}\s+stopped at code cell 1 \(error\)", summary);
        Assert.Matches($@"✓ {Regex.Escape(Path.Combine("notebooks", "01-first.ipynb"))}\s+ran in", summary);
        Assert.True(summary.IndexOf("03-third", StringComparison.Ordinal) < summary.IndexOf("02-broken", StringComparison.Ordinal), summary);
        Assert.Contains("1 of 3 notebooks failed: " + Path.Combine("notebooks", "02-broken.ipynb"), summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralNotebooks_AllRunning_Exits0()
    {
        Notebook("01-first.ipynb", "1");
        Notebook("02-second.ipynb", "2");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "01", "02");

        Assert.Equal(0, exitCode);
        Assert.Contains("All 2 notebooks ran.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SeveralNotebooks_OneNameUnknown_RunsNone_AndNamesEachUnknownOne()
    {
        Notebook("01-first.ipynb", "Console.WriteLine(\"first notebook ran\");");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "01", "42", "nope.ipynb");

        Assert.Equal(2, exitCode);
        Assert.Contains("course: no notebook numbered 42", output, StringComparison.Ordinal);
        Assert.Contains("course: notebook not found: nope.ipynb", output, StringComparison.Ordinal);
        Assert.DoesNotContain("first notebook ran", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_InvalidJson_IsOneClearLine_NotAStackTrace()
    {
        Directory.CreateDirectory(_course.PathOf("notebooks"));
        await File.WriteAllTextAsync(_course.PathOf("notebooks/03-broken.ipynb"), "{ \"cells\": [ }");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "03");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("course:", StringComparison.Ordinal));
        Assert.Contains("03-broken.ipynb: invalid JSON at line 1", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run", "nope.ipynb" }, "notebook not found: nope.ipynb")]
    [InlineData(new[] { "run", "42" }, "no notebook numbered 42")]
    [InlineData(new[] { "run" }, "name one or more notebooks or --all")]
    [InlineData(new[] { "run", "01", "--all" }, "name one or more notebooks or --all")]
    [InlineData(new[] { "verify" }, "name one or more notebooks or --all")]
    [InlineData(new[] { "run", "01", "42" }, "no notebook numbered 42")]
    [InlineData(new[] { "verify", "42", "01" }, "no notebook numbered 42")]
    [InlineData(new[] { "run", "01", "--timeout", "-3" }, "--timeout must be a positive number")]
    [InlineData(new[] { "run", "01", "--timeout", "soon" }, "soon")]
    [InlineData(new[] { "fly" }, "fly")]
    public async Task WrongArguments_AreOneClearLine_WithExitCode2(string[] args, string message)
    {
        Notebook("01-first.ipynb", "1");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, args);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PrintsCellMarkersAndOutputs_AndSucceeds()
    {
        Notebook("01-hello.ipynb", "# Hello", "Console.WriteLine(\"hello, learner\");", "6 * 7");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "1");

        Assert.Equal(0, exitCode);
        Assert.Contains("cell 1", output, StringComparison.Ordinal);
        Assert.Contains("hello, learner", output, StringComparison.Ordinal);
        Assert.Contains("42", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // plain text when redirected
    }

    [Fact]
    public async Task Run_WithWriteOutputs_SavesTheOutputsIntoTheNotebook()
    {
        var path = Notebook("01-hello.ipynb", "6 * 7");

        var (exitCode, _) = await CourseCommand.RunAsync(_course.FullName, "run", "01-hello.ipynb", "--write-outputs");

        Assert.Equal(0, exitCode);
        var result = Assert.Single(global::Course.Notebooks.Ipynb.Notebook.Load(path).Cells[0].Outputs!);
        Assert.Equal("42", result!["data"]!["text/plain"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task RunAll_WithNoNotebooksYet_SaysSoAndSucceeds()
    {
        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "run", "--all");

        Assert.Equal(0, exitCode);
        Assert.Contains("No notebooks in notebooks/ yet.", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_RemovesSavedOutputs_AndKeepsSources()
    {
        var path = Notebook("01-hello.ipynb", "# Hello", "6 * 7");
        await CourseCommand.RunAsync(_course.FullName, "run", "01", "--write-outputs");
        var sources = global::Course.Notebooks.Ipynb.Notebook.Load(path).Cells.Select(c => c.Source).ToList();

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "clear", "--all");

        var cleared = global::Course.Notebooks.Ipynb.Notebook.Load(path);
        Assert.Equal(0, exitCode);
        Assert.Contains("cleared the outputs of 1 cells", output, StringComparison.Ordinal);
        Assert.All(cleared.Cells, c => Assert.False(c.HasOutputs));
        Assert.Equal(sources, cleared.Cells.Select(c => c.Source).ToList());
    }

    [UnixFact] // Ctrl+C is sent as a Unix signal to the process group
    public async Task CtrlC_InterruptsTheRunningCell_AndExitsWith130()
    {
        Notebook("01-spin.ipynb", "Console.WriteLine(\"spinning\");\nwhile (true) { }");

        // A terminal sends Ctrl+C to its whole process group: the command and the notebook's worker.
        var (exitCode, output) = await CourseCommand.RunInOwnProcessGroupAsync(_course.FullName, "spinning", ["run", "01", "--timeout", "120"]);

        Assert.Equal(130, exitCode);
        Assert.Contains("Cell 1 was interrupted.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ended the notebook's process", output, StringComparison.Ordinal);
    }

    [UnixFact] // Ctrl+C is sent as a Unix signal to the process group
    public async Task CtrlC_DuringACellStuckInSleep_WithWriteOutputs_SavesTheCellsThatFinished_AndSaysSo()
    {
        var path = Notebook("01-sleep.ipynb", "Console.WriteLine(\"first cell done\");", "Console.WriteLine(\"sleeping\");\nSystem.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);");

        // The sleeping cell cannot observe the interrupt: the worker gives it a grace period, then its process is ended.
        var (exitCode, output) = await CourseCommand.RunInOwnProcessGroupAsync(_course.FullName, "sleeping", ["run", "01", "--write-outputs", "--timeout", "120"]);

        Assert.Equal(130, exitCode);
        Assert.Contains("the outputs of the cells that ran were saved", output, StringComparison.Ordinal);
        var saved = global::Course.Notebooks.Ipynb.Notebook.Load(path);
        Assert.Contains("first cell done", saved.Cells[0].Outputs!.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
    }

    [Fact]
    public async Task NoArguments_ShowsTheHelp()
    {
        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName);

        Assert.Equal(0, exitCode);
        Assert.Contains("run", output, StringComparison.Ordinal);
        Assert.Contains("clear", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ShowsEachNotebookWithItsTitle()
    {
        Notebook("01-servers.ipynb", "# Servers and frameworks", "1");
        Notebook("02-async.ipynb", "# Coroutines vs threads", "1", "2");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "list");

        Assert.Equal(0, exitCode);
        Assert.Contains("Servers and frameworks", output, StringComparison.Ordinal);
        Assert.Contains("Coroutines vs threads", output, StringComparison.Ordinal);
    }

    public void Dispose() => _course.Dispose();
}
