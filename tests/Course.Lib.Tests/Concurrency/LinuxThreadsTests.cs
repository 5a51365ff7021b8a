using System.Runtime.InteropServices;
using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// Threads are found by name and state, never by timing: every wait ends as soon as the thread is seen, with a limit
/// generous enough for a loaded machine.
/// </summary>
public class LinuxThreadsTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(Architecture.X64, 0, LinuxSystemCall.Read)]
    [InlineData(Architecture.X64, 17, LinuxSystemCall.Read)]
    [InlineData(Architecture.X64, 232, LinuxSystemCall.EpollWait)]
    [InlineData(Architecture.X64, 281, LinuxSystemCall.EpollWait)]
    [InlineData(Architecture.X64, 1, LinuxSystemCall.Other)]
    [InlineData(Architecture.Arm64, 63, LinuxSystemCall.Read)]
    [InlineData(Architecture.Arm64, 22, LinuxSystemCall.EpollWait)]
    [InlineData(Architecture.Arm64, 0, LinuxSystemCall.Other)]
    public void Classify_KnowsReadAndEpollWaitPerArchitecture(Architecture architecture, long number, LinuxSystemCall expected) =>
        Assert.Equal(expected, LinuxThreads.Classify(number, architecture));

    [Fact]
    public void Snapshot_CountsThreadsByName_AndFindsReaders()
    {
        var snapshot = new LinuxThreadsSnapshot(1, 0,
        [
            new LinuxThread(".NET Sockets", LinuxSystemCall.EpollWait, 232, 5),
            new LinuxThread(".NET TP Worker", LinuxSystemCall.Read, 0, 42),
            new LinuxThread(".NET TP Worker", LinuxSystemCall.None, -1, 0),
        ]);

        Assert.Equal(2, snapshot.Named(".NET TP Worker"));
        Assert.Equal([".NET TP Worker"], snapshot.Reading(42));
        Assert.Empty(snapshot.Reading(5));
        Assert.True(snapshot.InEpollWait(".NET Sockets"));
        Assert.Contains("epoll instances: 1", snapshot.ToString());
    }

    [Fact]
    public async Task ReadingAsync_FindsAThreadBlockedInARead_ByItsName()
    {
        if (!LinuxThreads.IsSupported)
        {
            return;
        }
        using var pipe = NamedPipe.Create();
        using var file = new FileStream(pipe.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        var reader = new Thread(() => _ = file.Read(new byte[16])) { Name = "course-reader", IsBackground = true };
        reader.Start();

        var readers = await LinuxThreads.ReadingAsync(file.SafeFileHandle, s_limit);
        pipe.Write("x"u8);

        Assert.True(reader.Join(s_limit));
        Assert.Equal(["course-reader"], readers);
    }

    [Fact]
    public async Task ReadingAsync_NobodyReading_ReturnsEmptyAfterTheTimeout()
    {
        if (!LinuxThreads.IsSupported)
        {
            return;
        }
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            Assert.Empty(await LinuxThreads.ReadingAsync(reading.SafeHandle, TimeSpan.FromMilliseconds(60)));
        }
    }

    [Fact]
    public async Task ReadingAsync_AFileStreamReadOfAPipe_WaitsOnAPoolThread()
    {
        if (!LinuxThreads.IsSupported)
        {
            return;
        }
        using var pipe = NamedPipe.Create();
        using var file = new FileStream(pipe.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0, FileOptions.Asynchronous);
        var read = file.ReadAsync(new byte[16]).AsTask();

        var readers = await LinuxThreads.ReadingAsync(file.SafeFileHandle, s_limit);
        pipe.Write("hello"u8);

        Assert.Equal(5, await read.WaitAsync(s_limit));
        Assert.Equal([".NET TP Worker"], readers);
    }

    [Fact]
    public void Take_SeesTheSocketEngine_OnceASocketWasUsed()
    {
        if (!LinuxThreads.IsSupported)
        {
            return;
        }
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            _ = reading.ReceiveAsync(new byte[1]);   // starts the socket engine
            writing.Send("x"u8);

            var snapshot = LinuxThreads.Take();

            Assert.True(snapshot.EpollInstances >= 1);
            Assert.True(snapshot.Named(".NET Sockets") >= 1);
            Assert.Contains(snapshot.Threads, t => t.Name.Length > 0);
        }
    }
}
