namespace Course.Lib.Tests;

public sealed class LibraryFreshnessTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("course-lib-").FullName;
    private readonly DateTime _built = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    public LibraryFreshnessTests()
    {
        Write("Course.Lib.csproj", _built.AddHours(-1));
        Write("bin/Course.Lib.dll", _built);
        Write("Hosting/InMemoryServer.cs", _built.AddHours(-1));
    }

    private string Dll => Path.Combine(_project, "bin", "Course.Lib.dll");

    [Fact]
    public void NewerSource_AllSourcesOlderThanTheDll_IsNull()
    {
        Assert.Null(LibraryFreshness.NewerSource(Dll));
    }

    [Fact]
    public void NewerSource_ASourceEditedAfterTheBuild_NamesIt()
    {
        Write("Exercises/StartHereExercises.cs", _built.AddMinutes(5));

        Assert.Equal(Path.Combine("Exercises", "StartHereExercises.cs"), LibraryFreshness.NewerSource(Dll));
    }

    [Fact]
    public void NewerSource_NewerFilesInObj_AreIgnored()
    {
        Write("obj/Debug/Course.Lib.AssemblyInfo.cs", _built.AddMinutes(5));

        Assert.Null(LibraryFreshness.NewerSource(Dll));
    }

    [Fact]
    public void NewerSource_ADllCopiedOutsideTheProject_IsNotChecked()
    {
        var elsewhere = Directory.CreateTempSubdirectory("course-copy-").FullName;
        File.Copy(Dll, Path.Combine(elsewhere, "Course.Lib.dll"));
        Write("Hosting/InMemoryServer.cs", _built.AddMinutes(5));

        Assert.Null(LibraryFreshness.NewerSource(Path.Combine(elsewhere, "Course.Lib.dll")));
        Directory.Delete(elsewhere, recursive: true);
    }

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private void Write(string relativePath, DateTime lastWrite)
    {
        var path = Path.Combine(_project, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// test");
        File.SetLastWriteTimeUtc(path, lastWrite);
    }
}
