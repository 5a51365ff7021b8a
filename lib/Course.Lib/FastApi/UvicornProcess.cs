using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Course.FastApi;

/// <summary>
/// One uvicorn child process serving the app in a Python source, on a free port of 127.0.0.1 (see launcher.py). It is
/// killed when disposed and when this process exits; launcher.py ends it too when this process is killed.
/// </summary>
internal sealed class UvicornProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<UvicornProcess, bool> s_running = new();
    private static readonly TimeSpan s_startLimit = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _directory;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static UvicornProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var running in s_running.Keys)
            {
                running.Kill();
            }
        };
    }

    private UvicornProcess(Process process, DirectoryInfo directory)
    {
        _process = process;
        _directory = directory;
    }

    /// <summary>The Python process's id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Where the app answers: <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What the process wrote to stderr (uvicorn's warnings and errors, Python tracebacks), the last 16,000 characters.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>The start of the launcher for <paramref name="python"/>: arguments, folder, environment.</summary>
    internal static ProcessStartInfo StartInfo(string python, DirectoryInfo directory)
    {
        var start = new ProcessStartInfo(python)
        {
            WorkingDirectory = directory.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(directory.FullName, "_course_launcher.py"));
        start.ArgumentList.Add(Path.Combine(directory.FullName, "main.py"));
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.Environment["PYTHONUNBUFFERED"] = "1";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        return start;
    }

    /// <summary>Writes <paramref name="source"/> as main.py, starts it under uvicorn and waits until it accepts connections.</summary>
    /// <exception cref="FastApiStartException">The app did not start; the message carries Python's last lines.</exception>
    public static async Task<UvicornProcess> StartAsync(string python, string source, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("course-fastapi-");
        File.WriteAllText(Path.Combine(directory.FullName, "main.py"), source);
        File.WriteAllText(Path.Combine(directory.FullName, "_course_launcher.py"), PythonScripts.Launcher);
        var process = Process.Start(StartInfo(python, directory)) ?? throw new FastApiStartException($"{python} could not be started.");
        var uvicorn = new UvicornProcess(process, directory);
        s_running[uvicorn] = true;
        try
        {
            uvicorn.Listen();
            await uvicorn.WaitUntilReadyAsync(cancellationToken);
            return uvicorn;
        }
        catch
        {
            await uvicorn.DisposeAsync();
            throw;
        }
    }

    private void Listen()
    {
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _ = Task.Run(async () =>
        {
            // The first line is {"port": N}; anything after it (the app's print()) goes to the log.
            while (await _process.StandardOutput.ReadLineAsync() is { } line)
            {
                if (!_port.Task.IsCompleted && line.StartsWith("{\"port\"", StringComparison.Ordinal))
                {
                    _port.TrySetResult(JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32());
                }
                else
                {
                    Append(line);
                }
            }
            _port.TrySetException(new FastApiStartException("ended before it listened"));
        });
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Append(line).Append('\n');
            if (_log.Length > 16_000)
            {
                _log.Remove(0, _log.Length - 16_000);
            }
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(s_startLimit);
        try
        {
            var port = await _port.Task.WaitAsync(limit.Token);
            BaseAddress = new Uri($"http://127.0.0.1:{port}/");
            // The socket is bound before uvicorn listens on it: until then a connection is refused.
            while (true)
            {
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync("127.0.0.1", port, limit.Token);
                    return;
                }
                catch (SocketException) when (!_process.HasExited)
                {
                    await Task.Delay(50, limit.Token);
                }
                catch (SocketException)
                {
                    throw Failed("ended before it listened");
                }
            }
        }
        catch (FastApiStartException e) when (e.Message == "ended before it listened")
        {
            throw Failed(e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed($"did not listen within {s_startLimit.TotalSeconds:0} s");
        }
    }

    private FastApiStartException Failed(string what)
    {
        // Let the process finish writing its traceback.
        _process.WaitForExit(TimeSpan.FromSeconds(2));
        var log = Log.Replace(_directory.FullName + Path.DirectorySeparatorChar, "", StringComparison.Ordinal).TrimEnd();
        var lines = log.Split('\n');
        var tail = string.Join("\n", lines.Length <= 15 ? lines : lines[^15..]);
        return new FastApiStartException($"The FastAPI app {what}." + (tail.Length > 0 ? $" Python said:\n{tail}" : ""));
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }
    }

    public async ValueTask DisposeAsync()
    {
        s_running.TryRemove(this, out _);
        Kill();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed, but slow to go: nothing more to do.
        }
        _process.Dispose();
        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder harms nothing.
        }
    }
}

/// <summary>A FastAPI app that could not be started; the message says why, with Python's own last lines.</summary>
public sealed class FastApiStartException(string message) : Exception(message);
