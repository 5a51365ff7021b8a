using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Course.Notebooks.Sessions;

/// <summary>Starts the worker program with the .NET host, and keeps the first lines it prints on stderr ("Stack overflow.") for crash reports.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int HeadLines = 5;

    /// <summary>
    /// The share of the machine's memory the notebook's heap may use, unless the environment sets a GC heap limit: a cell
    /// that allocates without end then gets an <see cref="OutOfMemoryException"/> (reported as such) instead of taking the
    /// whole machine down until the system kills something.
    /// </summary>
    public const int HeapLimitPercent = 50;

    private static readonly string[] s_heapLimitVariables = ["DOTNET_GCHeapHardLimit", "DOTNET_GCHeapHardLimitPercent", "DOTNET_GCHeapHardLimitSOH"];
    private const int ForwardedLines = 20;
    private int _forwarded;
    private readonly List<string> _errorHead = [];
    private readonly Process _process;

    private WorkerProcess(Process process, ILogger logger)
    {
        _process = process;
        // Cells write to a redirected Console; only native code or the runtime itself reach these pipes.
        // stderr is mostly the runtime's own crash report ("Stack overflow." and its frames): its first
        // lines go into the crash message, the rest to the debug log.
        process.OutputDataReceived += (_, e) => Forward(logger, e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            Remember(e.Data);
            if (!string.IsNullOrEmpty(e.Data))
            {
                logger.LogDebug("The notebook process wrote on stderr: {Line}", e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close(); // no keyboard in a notebook
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static WorkerProcess Start(string workerPath, string pipeName, NotebookSessionOptions options, ILogger logger)
    {
        var directory = Path.GetFullPath(options.WorkingDirectory);
        if (!File.Exists(workerPath))
        {
            throw new FileNotFoundException($"The notebook worker was not found at {workerPath}; build the course first.", workerPath);
        }
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "exec", workerPath, "--pipe", pipeName, "--directory", directory })
        {
            start.ArgumentList.Add(argument);
        }
        if (options.WarmUpCompiler)
        {
            start.ArgumentList.Add("--warm-up-compiler");
        }
        if (options.WarmUpEditor)
        {
            start.ArgumentList.Add("--warm-up-editor");
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in options.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }
        if (!s_heapLimitVariables.Any(start.Environment.ContainsKey))
        {
            start.Environment["DOTNET_GCHeapHardLimitPercent"] = HeapLimitPercent.ToString("x", System.Globalization.CultureInfo.InvariantCulture); // hexadecimal, as the runtime reads it
        }
        return new WorkerProcess(Process.Start(start) ?? throw new InvalidOperationException("The notebook worker could not be started."), logger);
    }

    /// <summary>Waits briefly for the process to end and describes how it ended.</summary>
    public async Task<string> DescribeExitAsync()
    {
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
            return "the process stopped answering and was killed";
        }
        string[] head;
        lock (_errorHead)
        {
            head = [.. _errorHead];
        }
        var detail = head.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        if (detail is null && _process.ExitCode == 128 + 9)
        {
            return "killed by SIGKILL, exit code 137: most likely the system ran out of memory and killed it";
        }
        return detail is null ? $"exit code {_process.ExitCode}" : $"exit code {_process.ExitCode}: {detail}";
    }

    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    public async Task WaitForExitAsync(TimeSpan timeout)
    {
        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
    }

    public void Dispose() => _process.Dispose();

    // Passes on the first lines only: a crash (a stack overflow's trace) can print thousands.
    private void Forward(ILogger logger, string? line)
    {
        if (string.IsNullOrEmpty(line))
        {
            return;
        }
        var count = Interlocked.Increment(ref _forwarded);
        if (count <= ForwardedLines)
        {
            logger.LogWarning("The notebook process printed: {Line}", line);
        }
        else if (count == ForwardedLines + 1)
        {
            logger.LogWarning("(more output from the notebook process not shown)");
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_errorHead)
        {
            if (_errorHead.Count < HeadLines)
            {
                _errorHead.Add(line);
            }
        }
    }

    /// <summary>The <c>dotnet</c> host that runs this process, so the worker uses the same runtime.</summary>
    private static string DotnetHost()
    {
        var processPath = Environment.ProcessPath;
        if (processPath is not null && Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            return processPath;
        }
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }
}
