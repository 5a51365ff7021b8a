namespace Course.Notebooks.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp folder, deleted (with its content) on dispose.</summary>
internal sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        FullName = Directory.CreateTempSubdirectory("course-tests-").FullName;
    }

    /// <summary>The directory's absolute path.</summary>
    public string FullName { get; }

    /// <summary>A path inside the directory.</summary>
    public string PathOf(string name) => Path.Combine(FullName, name);

    /// <summary>The names of the directory's entries, hidden ones included, sorted.</summary>
    public string[] EntryNames() =>
        [.. Directory.EnumerateFileSystemEntries(FullName).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            foreach (var directory in Directory.EnumerateDirectories(FullName, "*", SearchOption.AllDirectories).Prepend(FullName))
            {
                new DirectoryInfo(directory).UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
        }
        Directory.Delete(FullName, recursive: true);
    }
}
