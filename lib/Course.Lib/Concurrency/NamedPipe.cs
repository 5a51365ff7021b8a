using System.Runtime.InteropServices;

namespace Course.Concurrency;

/// <summary>
/// A named pipe (FIFO) in a temporary folder, on Linux and macOS: a file whose read waits until someone writes to it,
/// so a cell can watch which thread waits in a file read. Disposing it deletes the pipe and its folder.
/// </summary>
/// <example>
/// <code>
/// using (var pipe = NamedPipe.Create())
/// using (var file = new FileStream(pipe.Path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 0, FileOptions.Asynchronous))
/// {
///     var read = file.ReadAsync(new byte[16]).AsTask();   // waits for data
///     pipe.Write("hello"u8);
///     await read;
/// }
/// </code>
/// </example>
/// <remarks>Open the reading end with <see cref="FileAccess.ReadWrite"/>: opening a FIFO only for reading waits for a writer.</remarks>
public sealed class NamedPipe : IDisposable
{
    private readonly DirectoryInfo _folder;

    private NamedPipe(DirectoryInfo folder, string path)
    {
        _folder = folder;
        Path = path;
    }

    /// <summary>The pipe's path.</summary>
    public string Path { get; }

    /// <summary>Whether this platform has named pipes in the file system (Linux, macOS, FreeBSD).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>Creates a FIFO (<c>mkfifo</c>, mode 0600) in a new temporary folder.</summary>
    /// <exception cref="PlatformNotSupportedException">On Windows.</exception>
    /// <exception cref="IOException">When <c>mkfifo</c> fails.</exception>
    public static NamedPipe Create()
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException("Named pipes in the file system (mkfifo) exist on Linux and macOS only.");
        }
        var folder = Directory.CreateTempSubdirectory("course-fifo-");
        var path = System.IO.Path.Combine(folder.FullName, "pipe");
        if (MakeFifo(path, 0b110_000_000) != 0)
        {
            var error = Marshal.GetLastPInvokeError();
            folder.Delete(recursive: true);
            throw new IOException($"mkfifo failed for {path} (errno {error}).");
        }
        return new NamedPipe(folder, path);
    }

    /// <summary>Opens the pipe for writing, writes <paramref name="bytes"/> and closes it. Waits for a reader to have it open.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        using var writer = new FileStream(Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
        writer.Write(bytes);
    }

    /// <summary>Deletes the pipe and its folder.</summary>
    public void Dispose()
    {
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    [DllImport("libc", EntryPoint = "mkfifo", SetLastError = true)]
    private static extern int MakeFifo([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode);
}
