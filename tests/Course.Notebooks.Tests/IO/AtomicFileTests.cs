using System.Security.Cryptography;
using System.Text;
using Course.Notebooks.IO;
using Course.Notebooks.Tests.Infrastructure;

namespace Course.Notebooks.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public void WriteAllBytesIfUnchanged_FileAsExpected_ReplacesIt()
    {
        var path = _directory.PathOf("a.txt");
        File.WriteAllText(path, "before");

        var written = AtomicFile.WriteAllBytesIfUnchanged(path, "after"u8, SHA256.HashData("before"u8));

        Assert.True(written);
        Assert.Equal("after", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(_directory.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytesIfUnchanged_FileEditedMeanwhile_WritesNothing_AndLeavesNoTemporaryFile()
    {
        var path = _directory.PathOf("a.txt");
        File.WriteAllText(path, "edited");

        var written = AtomicFile.WriteAllBytesIfUnchanged(path, "after"u8, SHA256.HashData("before"u8));

        Assert.False(written);
        Assert.Equal("edited", File.ReadAllText(path));
        Assert.Equal(["a.txt"], Directory.GetFiles(_directory.FullName).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteAllBytesIfUnchanged_FileGone_WritesNothing()
    {
        var path = _directory.PathOf("a.txt");

        Assert.False(AtomicFile.WriteAllBytesIfUnchanged(path, "after"u8, SHA256.HashData("before"u8)));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void RemoveStaleTemporaryFiles_RemovesOnlyThatFilesOldOnes()
    {
        var path = _directory.PathOf("a.ipynb");
        File.WriteAllText(path, "{}");
        var old = _directory.PathOf(".a.ipynb.00000000.tmp");
        var recent = _directory.PathOf(".a.ipynb.11111111.tmp");
        var another = _directory.PathOf(".b.ipynb.00000000.tmp");
        foreach (var file in new[] { old, recent, another })
        {
            File.WriteAllText(file, "partial", Encoding.UTF8);
        }
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        File.SetLastWriteTimeUtc(old, now.UtcDateTime.AddMinutes(-11));
        File.SetLastWriteTimeUtc(recent, now.UtcDateTime.AddMinutes(-1));
        File.SetLastWriteTimeUtc(another, now.UtcDateTime.AddHours(-1));

        AtomicFile.RemoveStaleTemporaryFiles(path, TimeSpan.FromMinutes(10), new FixedTimeProvider(now));

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));
        Assert.True(File.Exists(another));
    }

    public void Dispose() => _directory.Dispose();
}
