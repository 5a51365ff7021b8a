using Course.Cli.Exercises;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.Cli.Exercises;

public sealed class ProgressStoreTests : IDisposable
{
    private static readonly DateTimeOffset s_monday = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly TempDirectory _course = new();
    private readonly FixedTimeProvider _clock = new(s_monday);

    private ProgressStore Store => ProgressStore.For(_course.FullName, _clock);

    private static ExerciseReport Report(string id, ExerciseStatus status) => new(id, $"Exercise {id}", status, $"{status} message", []);

    [Fact]
    public void Load_NoFileYet_IsEmpty_WithoutAProblem()
    {
        var progress = Store.Load(out var problem);

        Assert.Empty(progress);
        Assert.Null(problem);
    }

    [Fact]
    public void Record_ThenLoad_GivesEachExercisesStatusTitleMessageAndTime()
    {
        Store.Record([Report("00.1", ExerciseStatus.Correct), Report("01.2", ExerciseStatus.Error)]);

        var progress = Store.Load(out var problem);

        Assert.Null(problem);
        Assert.Equal(new ExerciseProgress("Exercise 00.1", ExerciseStatus.Correct, s_monday, "Correct message"), progress["00.1"]);
        Assert.Equal(ExerciseStatus.Error, progress["01.2"].Status);
        Assert.Equal(Path.Combine(_course.FullName, ".course", "progress.json"), Store.Path);
    }

    [Fact]
    public void Record_MergesByExerciseId_KeepingExercisesNotCheckedThisTime()
    {
        Store.Record([Report("00.1", ExerciseStatus.NotAttempted), Report("01.1", ExerciseStatus.Incorrect)]);
        _clock.Now = s_monday.AddHours(2);

        Store.Record([Report("00.1", ExerciseStatus.Correct)]);

        var progress = Store.Load(out _);
        Assert.Equal((ExerciseStatus.Correct, s_monday.AddHours(2)), (progress["00.1"].Status, progress["00.1"].CheckedAt));
        Assert.Equal((ExerciseStatus.Incorrect, s_monday), (progress["01.1"].Status, progress["01.1"].CheckedAt));
    }

    [Fact]
    public void Record_WritesKebabCaseStatuses_AndLeavesNoTemporaryFiles()
    {
        Store.Record([Report("00.1", ExerciseStatus.NotAttempted)]);

        Assert.Contains("\"status\": \"not-attempted\"", File.ReadAllText(Store.Path), StringComparison.Ordinal);
        Assert.Equal(["progress.json"], Directory.GetFiles(Path.GetDirectoryName(Store.Path)!).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{ \"exercises\": ")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{ \"exercises\": { \"00.1\": { \"title\": \"t\", \"status\": \"splendid\", \"message\": \"m\" } } }")]
    [InlineData("\u0000\u0001 not json")]
    public void Load_CorruptFile_IsAOneLineProblem_AndReadsAsEmpty(string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Store.Path)!);
        File.WriteAllText(Store.Path, content);

        var progress = Store.Load(out var problem);

        Assert.Empty(progress);
        Assert.NotNull(problem);
        Assert.StartsWith(Store.Path + " could not be read", problem, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem);
    }

    [Fact]
    public void Record_OverACorruptFile_ReplacesIt()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Store.Path)!);
        File.WriteAllText(Store.Path, "{ broken");

        Store.Record([Report("00.1", ExerciseStatus.Incorrect)]);

        var progress = Store.Load(out var problem);
        Assert.Null(problem);
        Assert.Equal(ExerciseStatus.Incorrect, Assert.Single(progress).Value.Status);
    }

    public void Dispose() => _course.Dispose();
}
