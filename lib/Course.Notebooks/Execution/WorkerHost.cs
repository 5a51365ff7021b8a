using System.IO.Pipes;
using System.Runtime.InteropServices;
using Course.Notebooks.Editing;
using Course.Notebooks.Packages;
using Course.Notebooks.Protocol;

namespace Course.Notebooks.Execution;

/// <summary>
/// The entry point of the worker process that runs one notebook (one process per notebook: what a
/// script loads can never be unloaded, and static state would leak between notebooks).
/// </summary>
public static class WorkerHost
{
    /// <summary>
    /// Arguments: <c>--pipe NAME --directory DIR [--warm-up-compiler] [--warm-up-editor]</c>. Returns the process exit code. Runs on the main
    /// thread throughout, so a cell that starves the thread pool cannot stop it reading requests.
    /// </summary>
    public static int Run(string[] args)
    {
        var pipeName = ArgumentValue(args, "--pipe");
        var directory = ArgumentValue(args, "--directory") ?? Environment.CurrentDirectory;
        if (pipeName is null)
        {
            Console.Error.WriteLine("This program is started by the course engine, not by hand (missing --pipe).");
            return 2;
        }

        if (args.Contains("--warm-up-compiler"))
        {
            CompilerWarmUp.Start();
        }
        // The protocol's JSON metadata takes the JIT a while to build: beside the connection, not after it.
        var protocol = Task.Run(() => (ProtocolJsonContext.Default.WorkerRequest, ProtocolJsonContext.Default.WorkerMessage));
        using var pipe = new NamedPipeClientStream(".", pipeName, PipeDirection.InOut, PipeOptions.None);
        pipe.Connect(TimeSpan.FromSeconds(30));
        var (requestInfo, messageInfo) = protocol.GetAwaiter().GetResult();
        using var channel = new MessageChannel<WorkerRequest, WorkerMessage>(pipe, requestInfo, messageInfo);

        // Ctrl+C in a terminal reaches the whole process group: the session interrupts the cell; the worker lives on.
        using var ignoreCtrlC = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => context.Cancel = true);

        var router = new ConsoleRouter();
        Console.SetOut(router.Out);
        Console.SetError(router.Error);
        Console.SetIn(new NoConsoleInput());
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            router.Flush(); // what the cell printed before it died
            channel.Write(new FatalMessage($"An unhandled exception on a background thread ended the process: {e.ExceptionObject}"));
        };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => router.Flush(); // Environment.Exit in a cell

        void Log(string level, string message) => channel.Write(new LogMessage(level, message));
        var worker = new NotebookWorker(
            Path.GetFullPath(directory),
            router,
            (executionCount, cellEvent) => channel.Write(new CellEventMessage(executionCount, cellEvent)),
            Log,
            new PackageRestorer(new PackageRestorerOptions()));

        var editor = new EditorLoop(worker.Snapshot, message => channel.Write(message), Log);
        if (args.Contains("--warm-up-editor"))
        {
            worker.CellEnded = () => editor.WarmUp(() => worker.IsBusy);
        }

        channel.Write(new ReadyMessage(Environment.ProcessId));
        while (channel.Read() is { } request)
        {
            switch (request)
            {
                case RunCellRequest run:
                    worker.Enqueue(run);
                    break;
                case InterruptRequest interrupt:
                    worker.Interrupt(interrupt.ExecutionCount);
                    break;
                case CompleteRequest or InspectRequest:
                    editor.Add(request);
                    break;
                case ShutdownRequest:
                    editor.Stop();
                    var orphaned = worker.Shutdown();
                    if (orphaned.Length > 0)
                    {
                        Log("output", orphaned);
                    }
                    return 0;
            }
        }
        return 0;
    }

    private static string? ArgumentValue(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
