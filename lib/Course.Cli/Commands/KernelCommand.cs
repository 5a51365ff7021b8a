using System.CommandLine;
using System.Runtime.InteropServices;
using Course.Cli.Exercises;
using Course.Cli.Terminal;
using Course.Kernel;
using Course.Kernel.Install;
using Course.Kernel.Protocol;
using Course.Notebooks.Sessions;
using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace Course.Cli.Commands;

/// <summary>
/// <c>course kernel -f &lt;connection-file&gt;</c>: the course engine as a Jupyter kernel, started by a Jupyter client
/// (VS Code, JupyterLab, nbclient) in the notebook's folder. Logs go to stderr.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var connectionFile = new Option<FileInfo>("-f", "--connection-file")
        {
            Description = "The connection file the Jupyter client wrote (ports and signing key).",
            Required = true,
        };
        var timeLimit = TimeLimitOption();
        var command = new Command("kernel", "Run as a Jupyter kernel (started by a Jupyter client with -f <connection-file>), or install its kernelspec.")
        {
            connectionFile, timeLimit, Install(), Uninstall(),
        };
        // A synchronous action: System.CommandLine then leaves SIGINT and SIGTERM to the kernel (see Run).
        command.SetAction(parse => Run(parse.GetValue(connectionFile)!, parse.GetValue(timeLimit)));
        return command;
    }

    /// <summary>The environment variable that sets the kernel's time limit per cell, in seconds, when no option does.</summary>
    public const string TimeLimitVariable = "COURSE_CELL_TIME_LIMIT";

    private static Option<double?> TimeLimitOption() => new("--cell-time-limit")
    {
        Description = $"Time limit per cell in seconds, 0 for none (default: ${TimeLimitVariable}, else 120).",
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<double?>() is < 0 or double.NaN or double.PositiveInfinity)
                {
                    result.AddError("--cell-time-limit must be a number of seconds, 0 or more (0: no limit).");
                }
            },
        },
    };

    /// <summary>
    /// The time limit per cell: <paramref name="seconds"/> if given, else <see cref="TimeLimitVariable"/>'s, else 2 minutes; 0 is none.
    /// An unreadable variable is reported and ignored.
    /// </summary>
    internal static TimeSpan CellTimeLimit(double? seconds, string? variable, Action<string> warn)
    {
        if (seconds is null && !string.IsNullOrWhiteSpace(variable))
        {
            if (double.TryParse(variable, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed) &&
                parsed >= 0 && double.IsFinite(parsed))
            {
                seconds = parsed;
            }
            else
            {
                warn($"{TimeLimitVariable}=\"{variable}\" is not a number of seconds (0 or more); the default limit of 120 s applies.");
            }
        }
        return seconds switch
        {
            null => new NotebookSessionOptions { WorkingDirectory = "." }.DefaultTimeLimit,
            0 => Timeout.InfiniteTimeSpan,
            var s => TimeSpan.FromSeconds(s.Value),
        };
    }

    private static Command Install()
    {
        var (user, name, force) = SpecOptions();
        var timeLimit = TimeLimitOption();
        var command = new Command("install", "Install the kernelspec that starts this kernel, so VS Code's Jupyter extension and JupyterLab run the notebooks.")
        {
            user, name, force, timeLimit,
        };
        command.SetAction(parse =>
        {
            var directory = Path.Combine(KernelspecLocation.KernelsDirectory(parse.GetValue(user)), parse.GetValue(name)!);
            var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
            try
            {
                KernelspecInstaller.Install(directory, dotnet, Path.Combine(AppContext.BaseDirectory, "course.dll"), parse.GetValue(force),
                    parse.GetValue(timeLimit));
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return ExitCodes.Usage(e.Message + (e is UnauthorizedAccessException ? " (try --user)" : ""));
            }
            Terminals.Out.Profile.Out.Writer.WriteLine($"Installed the kernelspec {parse.GetValue(name)} in {directory}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Uninstall()
    {
        var (user, name, force) = SpecOptions();
        var command = new Command("uninstall", "Remove the kernelspec that 'course kernel install' wrote.") { user, name, force };
        command.SetAction(parse =>
        {
            var directory = Path.Combine(KernelspecLocation.KernelsDirectory(parse.GetValue(user)), parse.GetValue(name)!);
            try
            {
                Terminals.Out.Profile.Out.Writer.WriteLine(KernelspecInstaller.Uninstall(directory, parse.GetValue(force))
                    ? $"Removed the kernelspec in {directory}."
                    : $"There is no kernelspec in {directory}.");
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                return ExitCodes.Usage(e.Message);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static (Option<bool> User, Option<string> Name, Option<bool> Force) SpecOptions() =>
    (
        new Option<bool>("--user") { Description = "Your Jupyter data folder (JUPYTER_DATA_DIR, or ~/.local/share/jupyter) instead of the system one." },
        new Option<string>("--name") { Description = "The kernelspec's name.", DefaultValueFactory = _ => KernelspecLocation.DefaultName },
        new Option<bool>("--force") { Description = "Replace or remove a kernelspec that the course did not write." }
    );

    private static int Run(FileInfo connectionFile, double? timeLimitSeconds)
    {
        ConnectionInfo connection;
        try
        {
            connection = ConnectionInfo.Load(connectionFile.FullName);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return ExitCodes.Usage(e.Message);
        }
        var logger = new TerminalLogger(Terminals.Error);
        var options = new NotebookSessionOptions
        {
            WorkingDirectory = Environment.CurrentDirectory,
            Logger = logger,
            WarmUpEditor = true,
            DefaultTimeLimit = CellTimeLimit(timeLimitSeconds, Environment.GetEnvironmentVariable(TimeLimitVariable), message => logger.LogWarning("{Message}", message)),
            TimeLimitAdvice = "Make the work smaller, or give the kernel a longer limit per cell: './course kernel install --user " +
                $"--cell-time-limit N' (or {TimeLimitVariable}=N in its environment; 0 for none), then restart the kernel.",
        };
        // Checks run in the kernel count like 'course check': their results go to the course's .course/progress.json.
        var progress = new KernelProgress(ProgressStore.For(CourseLayout.Discover().Root, TimeProvider.System), logger);
        return RunAsync(connection, options, progress, logger).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(ConnectionInfo connection, NotebookSessionOptions options, KernelProgress progress, ILogger logger)
    {
        await using var kernel = CSharpKernel.Start(connection, options, TimeProvider.System, logger, progress.Observe);
        using var terminated = new CancellationTokenSource();
        // SIGINT is an interrupt, as in ipykernel: it stops the running cell and never ends the kernel (a Ctrl+C in the
        // terminal that started Jupyter reaches the kernel too). SIGTERM, which clients send to end a kernel, shuts it down.
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            kernel.Interrupt();
        });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            terminated.Cancel();
        });
        using var stopWatching = new CancellationTokenSource();
        var clientEnded = ClientWatch.WhenClientEndsAsync(TimeProvider.System, stopWatching.Token);
        try
        {
            if (await Task.WhenAny(kernel.Ended, clientEnded).WaitAsync(terminated.Token) == clientEnded)
            {
                logger.LogWarning("The Jupyter client that started this kernel has ended; the kernel ends too.");
            }
        }
        catch (OperationCanceledException)
        {
            // SIGTERM from the client: shut down like a shutdown_request.
        }
        await stopWatching.CancelAsync();
        return ExitCodes.Success;
    }
}
