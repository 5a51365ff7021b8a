using Course.Notebooks.Tests.Infrastructure;
using System.Runtime.Versioning;
using System.Text;
using Course.Notebooks.Ipynb;

namespace Course.Notebooks.Tests.Ipynb;

public sealed class NotebookSaveTests
{
    [Fact]
    public void Save_ChangedNotebook_ReplacesTheFileAndLeavesNoTempFile()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        File.WriteAllText(path, NotebookFixtures.NbformatWritten);
        var notebook = Notebook.Load(path);

        notebook.Cells[1].ClearOutputs();
        notebook.Save();

        Assert.Equal(["nb.ipynb"], directory.EntryNames());
        Assert.Equal(notebook.ToJson(), File.ReadAllText(path));
        Assert.False(Notebook.Load(path).Cells[1].HasOutputs);
    }

    [Fact]
    public void Save_ToAnotherPath_WritesThereAndKeepsThePath()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        File.WriteAllText(path, NotebookFixtures.HandEdited);
        var notebook = Notebook.Load(path);

        notebook.Save(directory.PathOf("copy.ipynb"));

        Assert.Equal(["copy.ipynb", "nb.ipynb"], directory.EntryNames());
        Assert.Equal(path, notebook.Path);
        Assert.Equal(NotebookFixtures.HandEdited, File.ReadAllText(directory.PathOf("copy.ipynb")));
    }

    [Fact]
    public void Save_CreatedNotebookWithoutPath_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Notebook.Create([]).Save());
    }

    [Fact]
    public void Save_IntoAMissingDirectory_ThrowsAndCreatesNothing()
    {
        using var directory = new TempDirectory();
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);

        Assert.Throws<DirectoryNotFoundException>(() => notebook.Save(directory.PathOf("missing/nb.ipynb")));

        Assert.Empty(directory.EntryNames());
    }

    [Fact]
    public void Save_BelowAFileInsteadOfADirectory_ThrowsAndLeavesTheFileUntouched()
    {
        using var directory = new TempDirectory();
        var blocker = directory.PathOf("not-a-directory");
        File.WriteAllText(blocker, "keep");
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);

        Assert.ThrowsAny<IOException>(() => notebook.Save(System.IO.Path.Combine(blocker, "nb.ipynb")));

        Assert.Equal(["not-a-directory"], directory.EntryNames());
        Assert.Equal("keep", File.ReadAllText(blocker));
    }

    [Fact]
    public void Save_WhenTheFinalMoveFails_RemovesTheTempFileAndKeepsTheTarget()
    {
        // The target is a directory: the temporary file is written, then moving it over the target fails.
        using var directory = new TempDirectory();
        var target = directory.PathOf("nb.ipynb");
        Directory.CreateDirectory(target);
        File.WriteAllText(System.IO.Path.Combine(target, "inside.txt"), "keep");
        var notebook = Notebook.Parse(NotebookFixtures.HandEdited);

        var error = Record.Exception(() => notebook.Save(target));

        Assert.True(error is IOException or UnauthorizedAccessException, $"Unexpected {error?.GetType()}");
        Assert.Equal(["nb.ipynb"], directory.EntryNames());
        Assert.Equal("keep", File.ReadAllText(System.IO.Path.Combine(target, "inside.txt")));
    }

    [UnixFact]
    [UnsupportedOSPlatform("windows")]
    public void Save_KeepsTheFilesUnixPermissions()
    {
        using var directory = new TempDirectory();
        var path = directory.PathOf("nb.ipynb");
        File.WriteAllText(path, NotebookFixtures.HandEdited);
        const UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        var notebook = Notebook.Load(path);

        notebook.Cells[2].ClearOutputs();
        notebook.Save();

        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [UnixFact]
    public void Save_ThroughASymbolicLink_ReplacesTheLinkedFile()
    {
        using var directory = new TempDirectory();
        var real = directory.PathOf("real.ipynb");
        var link = directory.PathOf("link.ipynb");
        File.WriteAllText(real, NotebookFixtures.HandEdited);
        File.CreateSymbolicLink(link, real);
        var notebook = Notebook.Load(link);

        notebook.Cells[2].ClearOutputs();
        notebook.Save();

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(notebook.ToJson(), File.ReadAllText(real, Encoding.UTF8));
    }
}
