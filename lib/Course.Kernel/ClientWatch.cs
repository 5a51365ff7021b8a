using System.Diagnostics;
using System.Globalization;

namespace Course.Kernel;

/// <summary>
/// A kernel must not outlive the client that started it (a front end that crashed, or was killed, cannot shut it
/// down). Jupyter clients name themselves in <c>JPY_PARENT_PID</c>; like ipykernel, the kernel polls that process
/// and ends when it is gone. On Windows the variable holds a handle, not a process id, so it is not watched there.
/// </summary>
public static class ClientWatch
{
    /// <summary>Completes when the client process named by <c>JPY_PARENT_PID</c> has ended; never, if there is none to watch.</summary>
    public static async Task WhenClientEndsAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        if (OperatingSystem.IsWindows() ||
            !int.TryParse(Environment.GetEnvironmentVariable("JPY_PARENT_PID"), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ||
            pid <= 1)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken).ConfigureAwait(false);
            return;
        }
        while (IsRunning(pid))
        {
            await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
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
}
