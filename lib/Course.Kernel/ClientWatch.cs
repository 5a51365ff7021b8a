using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Course.Kernel;

/// <summary>
/// A kernel must not outlive the client that started it (a front end that crashed, or was killed, cannot shut it
/// down). Jupyter clients name themselves in <c>JPY_PARENT_PID</c>; like ipykernel, the kernel polls that process
/// and ends when it is gone. Clients that do not set it (VS Code's Jupyter extension) started the kernel themselves:
/// then the kernel watches its parent process, and ends when it has been handed to another parent (its own ended).
/// On Windows neither applies (the variable holds a handle there), and nothing is watched.
/// </summary>
public static partial class ClientWatch
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    /// <summary>Completes when the client process has ended; never, if there is none to watch.</summary>
    public static async Task WhenClientEndsAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows())
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid > 1)
        {
            while (IsRunning(pid))
            {
                await Task.Delay(s_interval, time, cancellationToken).ConfigureAwait(false);
            }
            return;
        }
        var parent = ParentProcessId();
        if (parent <= 1)
        {
            // Started by init (or a container's first process): there is no client process to outlive.
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return;
        }
        while (ParentProcessId() == parent)
        {
            await Task.Delay(s_interval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // POSIX getppid(): when the parent ends, the process is re-parented (to init or a subreaper) and this changes.
    [LibraryImport("libc", EntryPoint = "getppid")]
    private static partial int ParentProcessId();
}
