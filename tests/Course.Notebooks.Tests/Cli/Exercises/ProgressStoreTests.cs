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
        Assert.Equal(["progress.json", "progress.json.lock"], Directory.GetFiles(Path.GetDirectoryName(Store.Path)!).Select(Path.GetFileName).Order());
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
    public void Record_OverACorruptFile_ReplacesIt_KeepingTheOldOneAsABackup()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Store.Path)!);
        File.WriteAllText(Store.Path, "{ broken");

        Store.Record([Report("00.1", ExerciseStatus.Incorrect)]);

        var progress = Store.Load(out var problem);
        Assert.Null(problem);
        Assert.Equal(ExerciseStatus.Incorrect, Assert.Single(progress).Value.Status);
    }

    [Fact]
    public void Record_OverAHandEditWithATrailingComma_KeepsEveryRecord_AndTheFileAsABackup()
    {
        Store.Record([Report("00.1", ExerciseStatus.Correct), Report("01.1", ExerciseStatus.Correct)]);
        var edited = File.ReadAllText(Store.Path).Replace("\"Correct message\"\n    }\n  }", "\"Correct message\"\n    },\n  }", StringComparison.Ordinal);
        Assert.Contains("},\n  }", edited, StringComparison.Ordinal);
        File.WriteAllText(Store.Path, edited);

        Assert.Equal(["00.1", "01.1"], Store.Load(out var problem).Keys.Order());
        Assert.NotNull(problem);
        Assert.DoesNotContain("reader options", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not valid JSON at line", problem, StringComparison.Ordinal);

        var notice = Store.Record([Report("02.1", ExerciseStatus.Incorrect)]);

        Assert.Equal(["00.1", "01.1", "02.1"], Store.Load(out var after).Keys.Order());
        Assert.Null(after);
        var backup = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(Store.Path)!, "progress.json.unreadable-*"));
        Assert.Equal(edited, File.ReadAllText(backup));
        Assert.NotNull(notice);
        Assert.Contains(backup, notice, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', notice);
    }

    [Fact]
    public void Load_TruncatedFile_KeepsTheRecordsBeforeTheCut()
    {
        Store.Record([Report("00.1", ExerciseStatus.Correct), Report("01.1", ExerciseStatus.Incorrect)]);
        var text = File.ReadAllText(Store.Path);
        File.WriteAllText(Store.Path, text[..text.IndexOf("\"01.1\"", StringComparison.Ordinal)]);

        var progress = Store.Load(out var problem);

        Assert.Equal(["00.1"], progress.Keys);
        Assert.NotNull(problem);
        Assert.Contains("the 1 result", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_WhileAnotherWriterHoldsTheLock_WaitsAndMergesWithWhatItWrote()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Store.Path)!);
        var other = ProgressStore.For(_course.FullName, _clock);
        Task<string?> recording;
        using (new FileStream(Store.LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            // Another check is between its read and its write: this one must wait for it, not read the old file.
            recording = Task.Run(() => Store.Record([Report("00.1", ExerciseStatus.Correct)]));
            await Task.WhenAny(recording, Task.Delay(TimeSpan.FromMilliseconds(500)));
            var byTheOther = new ProgressStore(Path.Combine(_course.FullName, "elsewhere.json"), _clock);
            byTheOther.Record([Report("01.1", ExerciseStatus.Incorrect)]);
            File.Copy(byTheOther.Path, Store.Path, overwrite: true);
        }
        await recording;

        Assert.Equal(["00.1", "01.1"], other.Load(out _).Keys.Order());
    }

    public void Dispose() => _course.Dispose();
}
