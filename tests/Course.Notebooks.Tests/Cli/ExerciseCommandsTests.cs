using Course.Exercises;
using Course.Notebooks.Ipynb;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli;

/// <summary><c>course hint</c>, <c>course solution</c> and <c>course verify</c> end to end.</summary>
public sealed class ExerciseCommandsTests : IDisposable
{
    private readonly TempDirectory _course = new();

    [Fact]
    public async Task Hint_KnownId_PrintsTheCatalogsHint()
    {
        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "hint", "00.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("Hint for 00.1 Greet by name:", output, StringComparison.Ordinal);
        Assert.Contains(StartHereExercises.Greeting.HintText, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Solution_KnownId_PrintsTheWholeStarterSource_Unwrapped()
    {
        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "solution", "0.1");

        Assert.Equal(0, exitCode);
        Assert.Contains("replace the whole cell tagged exercise:00.1", output, StringComparison.Ordinal);
        Assert.Contains(StartHereExercises.Greeting.SolutionSource, output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hint")]
    [InlineData("solution")]
    public async Task HintAndSolution_UnknownId_IsOneLineNamingTheKnownIds_WithExitCode2(string command)
    {
        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, command, "99.9");

        Assert.Equal(2, exitCode);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"course: no exercise '99.9'; the exercises are {string.Join(", ", ExerciseCatalog.All.Select(e => e.Id))}", line.TrimEnd());
    }

    [Fact]
    public async Task Verify_AStarterThatAlreadyPasses_FailsWithTheReason()
    {
        ExerciseNotebooks.WriteGreeting(_course.PathOf("notebooks/00-greeting.ipynb"), ExerciseNotebooks.Right);

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "verify", "00");

        Assert.Equal(1, exitCode);
        var wrong = StartHereExercises.Greeting.KnownWrongAnswers.Count;
        Assert.Contains($"00.1 Greet by name: as written correct, {wrong} of {wrong} known-wrong answers refused, with its solution correct", output, StringComparison.Ordinal);
        Assert.Contains("- as written, 00.1 already reports correct: its check cannot fail", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAll_RunsOnlyExercises_ANotebookWithoutThemPasses_ABrokenSetupCellFails()
    {
        TestNotebooks.Write(_course.PathOf("notebooks/97-plain.ipynb"), "# Plain", "throw new Exception(\"a lesson cell, not an exercise\");");
        ExerciseNotebooks.Write(_course.PathOf("notebooks/98-broken.ipynb"),
            NotebookCell.Code("int x = \"no\";", id: "broken"), ExerciseNotebooks.Starter(ExerciseNotebooks.Untouched), ExerciseNotebooks.Check());

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "verify", "--all");

        Assert.Equal(1, exitCode);
        Assert.Contains($"✓ {Path.Combine("notebooks", "97-plain.ipynb")} has no exercises (0 runs,", output, StringComparison.Ordinal);
        Assert.Contains($"- 00.1 as written: {Path.Combine("notebooks", "98-broken.ipynb")}, code cell 1, line 1: error CS0029", output, StringComparison.Ordinal);
        Assert.Contains("Not verified: " + Path.Combine("notebooks", "98-broken.ipynb"), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SeveralNotebooks_VerifiesEachInTheOrderGiven_AndSummarizesEach()
    {
        TestNotebooks.Write(_course.PathOf("notebooks/97-plain.ipynb"), "# Plain", "throw new Exception(\"a lesson cell, not an exercise\");");
        ExerciseNotebooks.Write(_course.PathOf("notebooks/98-broken.ipynb"),
            NotebookCell.Code("int x = \"no\";", id: "broken"), ExerciseNotebooks.Starter(ExerciseNotebooks.Untouched), ExerciseNotebooks.Check());
        TestNotebooks.Write(_course.PathOf("notebooks/99-not-named.ipynb"), "# Not named");

        var (exitCode, output) = await CourseCommand.RunAsync(_course.FullName, "verify", "98", "97");

        Assert.Equal(1, exitCode);
        var plain = Path.Combine("notebooks", "97-plain.ipynb");
        var broken = Path.Combine("notebooks", "98-broken.ipynb");
        Assert.True(output.IndexOf($"- 00.1 as written: {broken}", StringComparison.Ordinal) < output.IndexOf($"✓ {plain} has no exercises", StringComparison.Ordinal), output);
        var summary = output[output.IndexOf("Summary", StringComparison.Ordinal)..];
        Assert.Matches($@"✗ {System.Text.RegularExpressions.Regex.Escape(broken)}\s+not verified", summary);
        Assert.Matches($@"✓ {System.Text.RegularExpressions.Regex.Escape(plain)}\s+verified", summary);
        Assert.Contains("Not verified: " + broken, summary, StringComparison.Ordinal);
        Assert.DoesNotContain("99-not-named", output, StringComparison.Ordinal);
    }

    public void Dispose() => _course.Dispose();
}
