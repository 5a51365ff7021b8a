namespace Course.Kernel.Install;

/// <summary>Where <c>jupyter kernelspec install</c> puts a kernelspec, so Jupyter clients find it.</summary>
public static class KernelspecLocation
{
    /// <summary>The kernelspec name the course's notebooks ask for in their metadata.</summary>
    public const string DefaultName = ".net-csharp";

    /// <summary>
    /// The kernels folder: for <paramref name="user"/>, the Jupyter data folder (<c>JUPYTER_DATA_DIR</c>, else
    /// <c>$XDG_DATA_HOME/jupyter</c> or <c>~/.local/share/jupyter</c> on Linux, <c>~/Library/Jupyter</c> on macOS,
    /// <c>%APPDATA%\jupyter</c> on Windows); otherwise the system folder (<c>/usr/local/share/jupyter</c>,
    /// <c>%PROGRAMDATA%\jupyter</c>).
    /// </summary>
    public static string KernelsDirectory(bool user, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string data;
        if (!user)
        {
            data = OperatingSystem.IsWindows()
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "jupyter")
                : "/usr/local/share/jupyter";
        }
        else if (environment("JUPYTER_DATA_DIR") is { Length: > 0 } dataDir)
        {
            data = dataDir;
        }
        else if (OperatingSystem.IsWindows())
        {
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "jupyter");
        }
        else if (OperatingSystem.IsMacOS())
        {
            data = Path.Combine(Home(environment), "Library", "Jupyter");
        }
        else
        {
            data = Path.Combine(environment("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Home(environment), ".local", "share"), "jupyter");
        }
        return Path.Combine(data, "kernels");
    }

    private static string Home(Func<string, string?> environment) =>
        environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
