using System.CommandLine;
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
        var command = new Command("kernel", "Run as a Jupyter kernel (started by a Jupyter client with -f <connection-file>), or install its kernelspec.")
        {
            connectionFile, Install(), Uninstall(),
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(connectionFile)!, cancellationToken));
        return command;
    }

    private static Command Install()
    {
        var (user, name, force) = SpecOptions();
        var command = new Command("install", "Install the kernelspec that starts this kernel, so VS Code's Jupyter extension and JupyterLab run the notebooks.")
        {
            user, name, force,
        };
        command.SetAction(parse =>
        {
            var directory = Path.Combine(KernelspecLocation.KernelsDirectory(parse.GetValue(user)), parse.GetValue(name)!);
            var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
            try
            {
                KernelspecInstaller.Install(directory, dotnet, Path.Combine(AppContext.BaseDirectory, "course.dll"), parse.GetValue(force));
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

    private static async Task<int> RunAsync(FileInfo connectionFile, CancellationToken cancellationToken)
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
        var options = new NotebookSessionOptions { WorkingDirectory = Environment.CurrentDirectory, Logger = logger };
        // Checks run in the kernel count like 'course check': their results go to the course's .course/progress.json.
        var progress = new KernelProgress(ProgressStore.For(CourseLayout.Discover().Root, TimeProvider.System), logger);
        await using var kernel = CSharpKernel.Start(connection, options, TimeProvider.System, logger, progress.Observe);
        using var stopWatching = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clientEnded = ClientWatch.WhenClientEndsAsync(TimeProvider.System, stopWatching.Token);
        try
        {
            if (await Task.WhenAny(kernel.Ended, clientEnded).WaitAsync(cancellationToken) == clientEnded)
            {
                logger.LogWarning("The Jupyter client that started this kernel has ended; the kernel ends too.");
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM from the client: shut down like a shutdown_request.
        }
        await stopWatching.CancelAsync();
        return ExitCodes.Success;
    }
}
