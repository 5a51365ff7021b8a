using System.CommandLine;
using Course.Cli.Terminal;
using Course.Kernel;
using Course.Kernel.Protocol;
using Course.Notebooks.Sessions;

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
        var command = new Command("kernel", "Run as a Jupyter kernel (started by a Jupyter client with -f <connection-file>).") { connectionFile };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(connectionFile)!, cancellationToken));
        return command;
    }

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
        await using var kernel = CSharpKernel.Start(connection, options, TimeProvider.System, logger);
        try
        {
            await kernel.Ended.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM from the client: shut down like a shutdown_request.
        }
        return ExitCodes.Success;
    }
}
