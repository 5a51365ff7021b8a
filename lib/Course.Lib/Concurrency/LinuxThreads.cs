using System.Globalization;
using System.Runtime.InteropServices;

namespace Course.Concurrency;

/// <summary>
/// Asks Linux what this process's threads are doing: their names and the system call each one is inside
/// (<c>/proc/self/task/*/comm</c> and <c>…/syscall</c>), and how many epoll and io_uring instances the process holds
/// (<c>/proc/self/fd</c>). Lets a cell show which thread waits in a read — a socket's, or a file's.
/// </summary>
/// <example>
/// <code>
/// var read = file.ReadAsync(new byte[16]).AsTask();                                  // waits for data
/// var readers = await LinuxThreads.ReadingAsync(file.SafeFileHandle, TimeSpan.FromSeconds(3));
/// // [".NET TP Worker"]: a pool thread sits inside read() until the data comes
/// </code>
/// </example>
public static class LinuxThreads
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Whether the process can read its threads' system calls: Linux on x64 or Arm64, with <c>/proc/self/syscall</c>.
    /// </summary>
    public static bool IsSupported { get; } = OperatingSystem.IsLinux()
        && RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.Arm64
        && File.Exists("/proc/self/syscall");

    /// <summary>Looks at every thread of this process now.</summary>
    /// <exception cref="PlatformNotSupportedException">When <see cref="IsSupported"/> is false.</exception>
    public static LinuxThreadsSnapshot Take()
    {
        ThrowIfNotSupported();
        var threads = new List<LinuxThread>();
        foreach (var task in Directory.GetDirectories("/proc/self/task"))
        {
            try
            {
                var name = File.ReadAllText(Path.Combine(task, "comm")).Trim();
                var fields = File.ReadAllText(Path.Combine(task, "syscall")).Trim().Split(' ');   // "running", or the number and arguments
                threads.Add(fields.Length > 1 && long.TryParse(fields[0], CultureInfo.InvariantCulture, out var number)
                    ? new LinuxThread(name, Classify(number, RuntimeInformation.ProcessArchitecture), number, ParseHex(fields[1]))
                    : new LinuxThread(name, LinuxSystemCall.None, -1, 0));
            }
            catch (IOException)
            {
                // the thread ended meanwhile
            }
        }
        return new LinuxThreadsSnapshot(CountDescriptors("eventpoll"), CountDescriptors("io_uring"), threads);
    }

    /// <summary>
    /// The names of the threads inside <c>read</c> (or <c>pread</c>) of <paramref name="handle"/>'s descriptor: looks every
    /// 20 ms until at least one is, or until <paramref name="timeout"/> has passed (then the list is empty).
    /// </summary>
    /// <exception cref="PlatformNotSupportedException">When <see cref="IsSupported"/> is false.</exception>
    public static async Task<IReadOnlyList<string>> ReadingAsync(SafeHandle handle, TimeSpan timeout, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handle);
        ThrowIfNotSupported();
        var time = timeProvider ?? TimeProvider.System;
        var descriptor = handle.DangerousGetHandle().ToInt64();
        var start = time.GetTimestamp();
        while (true)
        {
            var readers = Take().Reading(descriptor);
            if (readers.Count > 0 || time.GetElapsedTime(start) >= timeout)
            {
                return readers;
            }
            await Task.Delay(s_poll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>What a system call number means on <paramref name="architecture"/>, for the calls this class tells apart.</summary>
    internal static LinuxSystemCall Classify(long number, Architecture architecture) => (architecture, number) switch
    {
        (Architecture.X64, 0 or 17) => LinuxSystemCall.Read,                 // read, pread64
        (Architecture.X64, 232 or 281 or 441) => LinuxSystemCall.EpollWait,  // epoll_wait, epoll_pwait, epoll_pwait2
        (Architecture.Arm64, 63 or 67) => LinuxSystemCall.Read,              // read, pread64
        (Architecture.Arm64, 22 or 441) => LinuxSystemCall.EpollWait,        // epoll_pwait, epoll_pwait2
        _ => LinuxSystemCall.Other,
    };

    private static long ParseHex(string field) =>
        long.TryParse(field.StartsWith("0x", StringComparison.Ordinal) ? field[2..] : field, NumberStyles.HexNumber,
            CultureInfo.InvariantCulture, out var value) ? value : 0;

    private static int CountDescriptors(string kind) => Directory.GetFiles("/proc/self/fd").Count(fd =>
    {
        try
        {
            return new FileInfo(fd).LinkTarget?.Contains(kind, StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;   // closed meanwhile
        }
    });

    private static void ThrowIfNotSupported()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("LinuxThreads reads /proc/self/task/*/syscall: Linux on x64 or Arm64 only.");
        }
    }
}

/// <summary>The threads of this process at one moment, and its epoll and io_uring instances (<see cref="LinuxThreads.Take"/>).</summary>
/// <param name="EpollInstances">Open epoll instances (descriptors that link to <c>anon_inode:[eventpoll]</c>).</param>
/// <param name="IoUringInstances">Open io_uring instances.</param>
/// <param name="Threads">Every thread, with the system call it is inside.</param>
public sealed record LinuxThreadsSnapshot(int EpollInstances, int IoUringInstances, IReadOnlyList<LinuxThread> Threads)
{
    /// <summary>How many threads have this name (.NET names its socket engine ".NET Sockets", pool workers ".NET TP Worker").</summary>
    public int Named(string name) => Threads.Count(t => t.Name == name);

    /// <summary>The names of the threads inside <c>read</c> or <c>pread</c> of <paramref name="descriptor"/>.</summary>
    public IReadOnlyList<string> Reading(long descriptor) =>
        [.. Threads.Where(t => t.Call == LinuxSystemCall.Read && t.FirstArgument == descriptor).Select(t => t.Name)];

    /// <summary>Whether a thread with this name is inside <c>epoll_wait</c>.</summary>
    public bool InEpollWait(string name) => Threads.Any(t => t.Name == name && t.Call == LinuxSystemCall.EpollWait);

    /// <summary>One line: epoll and io_uring instances, the socket engine's threads and the pool's.</summary>
    public override string ToString() =>
        $"epoll instances: {EpollInstances}; io_uring instances: {IoUringInstances}; threads named \".NET Sockets\" (the socket engine): " +
        $"{Named(".NET Sockets")}; \".NET TP Worker\" (the pool): {Named(".NET TP Worker")} of {Threads.Count} threads";
}

/// <summary>One thread: its name (<c>comm</c>), the system call it is inside, and that call's first argument (for a read: the descriptor).</summary>
public sealed record LinuxThread(string Name, LinuxSystemCall Call, long Number, long FirstArgument);

/// <summary>The system calls <see cref="LinuxThreads"/> tells apart.</summary>
public enum LinuxSystemCall
{
    /// <summary>Running, not inside a system call.</summary>
    None,

    /// <summary><c>read</c> or <c>pread64</c>: the thread waits for data from the descriptor in its first argument.</summary>
    Read,

    /// <summary><c>epoll_wait</c> or <c>epoll_pwait</c>: the thread waits for any registered descriptor to be ready.</summary>
    EpollWait,

    /// <summary>Any other system call.</summary>
    Other,
}
