using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

public class NamedPipeTests
{
    [Fact]
    public async Task Write_ReachesAReaderThatOpenedThePipe_AndDisposeDeletesIt()
    {
        if (!NamedPipe.IsSupported)
        {
            return;
        }
        string path;
        using (var pipe = NamedPipe.Create())
        {
            path = pipe.Path;
            using var file = new FileStream(pipe.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0, FileOptions.Asynchronous);
            var buffer = new byte[16];
            var read = file.ReadAsync(buffer).AsTask();

            pipe.Write("hello"u8);

            Assert.Equal(5, await read.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal("hello"u8.ToArray(), buffer[..5]);
        }
        Assert.False(File.Exists(path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }
}
