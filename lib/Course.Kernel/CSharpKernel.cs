using System.Text.Json.Nodes;
using Course.Kernel.Messaging;
using Course.Kernel.Protocol;
using Course.Notebooks.Execution;
using Course.Notebooks.Sessions;
using Microsoft.Extensions.Logging;

namespace Course.Kernel;

/// <summary>
/// The course engine behind the Jupyter messaging protocol: one notebook session (a worker process) at a time,
/// started in the kernel's working directory, which Jupyter clients set to the notebook's folder. When the session's
/// process ends (a crash, <c>Environment.Exit</c>, a cell that could not be stopped), the kernel starts a fresh one and
/// says so in the cell's error: the client keeps its kernel, only the notebook's state is lost.
/// </summary>
public sealed class CSharpKernel : IAsyncDisposable
{
    // A completion that takes longer than this is no use to someone typing: answer none instead.
    private static readonly TimeSpan s_editorPatience = TimeSpan.FromSeconds(10);

    private readonly KernelSockets _sockets;
    private readonly NotebookSessionOptions _sessionOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _session = Guid.NewGuid().ToString("N");
    private Task<NotebookSession> _started;
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ExecutionHistory _history = new();
    private readonly Action<CellOutput>? _observeOutput;
    private int _warmedUp;
    private int _executionCount;
    private bool _executing;
    private long _lastExecuteEnded;

    private CSharpKernel(ConnectionInfo connection, NotebookSessionOptions sessionOptions, TimeProvider time, ILogger logger, Action<CellOutput>? observeOutput)
    {
        _observeOutput = observeOutput;
        _sockets = new KernelSockets(connection, logger);
        _sessionOptions = sessionOptions;
        _time = time;
        _logger = logger;
        _started = NotebookSession.StartAsync(sessionOptions);
    }

    /// <summary>Binds the sockets of <paramref name="connection"/> and starts the notebook session behind them.</summary>
    /// <param name="connection">The connection file's ports, transport and key.</param>
    /// <param name="sessionOptions">How to start the notebook session.</param>
    /// <param name="time">The clock.</param>
    /// <param name="logger">Receives the kernel's diagnostics.</param>
    /// <param name="observeOutput">Sees every output a cell sends to the client (the course records exercise checks with it); what it throws is logged and ignored.</param>
    public static CSharpKernel Start(ConnectionInfo connection, NotebookSessionOptions sessionOptions, TimeProvider time, ILogger logger,
        Action<CellOutput>? observeOutput = null)
    {
        var kernel = new CSharpKernel(connection, sessionOptions, time, logger, observeOutput);
        kernel._sockets.Start(kernel.OnShell, kernel.OnControl);
        kernel.Publish(null, "status", new JsonObject { ["execution_state"] = "starting" });
        return kernel;
    }

    /// <summary>Completes when a client asked the kernel to shut down.</summary>
    public Task Ended => _ended.Task;

    /// <summary>Stops the sockets and the notebook session.</summary>
    public async ValueTask DisposeAsync()
    {
        _sockets.Stop();
        _sockets.Join();
        _sockets.Dispose();
        try
        {
            await (await Volatile.Read(ref _started)).DisposeAsync();
        }
        catch (Exception e)
        {
            _logger.LogDebug(e, "The notebook session had not started");
        }
    }

    /// <summary>Interrupts the running cell, as an <c>interrupt_request</c> does; nothing when no cell runs.</summary>
    public void Interrupt()
    {
        if (Volatile.Read(ref _started) is { IsCompletedSuccessfully: true } started)
        {
            started.Result.Interrupt();
        }
    }

    private void OnShell(JupyterMessage request, Action<JupyterMessage> reply, Func<JupyterMessage?> nextQueued)
    {
        Publish(request, "status", new JsonObject { ["execution_state"] = "busy" });
        try
        {
            JsonObject? content;
            try
            {
                content = Handle(request, reply, nextQueued);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or System.Text.Json.JsonException)
            {
                // A malformed request (a field of the wrong type, say) gets an error reply, not silence.
                _logger.LogWarning("Could not handle a {Type}: {Message}", request.Type, e.Message);
                content = new JsonObject
                {
                    ["status"] = "error",
                    ["ename"] = "BadRequest",
                    ["evalue"] = $"The kernel could not handle this {request.Type}: {e.Message}",
                    ["traceback"] = new JsonArray(),
                };
            }
            if (content is null)
            {
                _logger.LogWarning("Ignored an unknown shell message: {Type}", request.Type);
                return;
            }
            reply(Reply(request, content));
        }
        finally
        {
            Publish(request, "status", new JsonObject { ["execution_state"] = "idle" });
            if (request.Type == "shutdown_request")
            {
                _ended.TrySetResult();
            }
        }
    }

    private JsonObject? Handle(JupyterMessage request, Action<JupyterMessage> reply, Func<JupyterMessage?> nextQueued) =>
        request.Type switch
        {
            "kernel_info_request" => KernelInfoReply(),
            "execute_request" => Execute(request, nextQueued, reply),
            "is_complete_request" => IsComplete(request),
            "complete_request" => Complete(request),
            "inspect_request" => Inspect(request),
            "history_request" => _history.Reply(request.Content),
            "comm_info_request" => new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() },
            "shutdown_request" => Shutdown(request),
            _ => null,
        };

    private void OnControl(JupyterMessage request, Action<JupyterMessage> reply)
    {
        switch (request.Type)
        {
            case "interrupt_request":
                Interrupt();
                reply(Reply(request, new JsonObject { ["status"] = "ok" }));
                break;
            case "shutdown_request":
                reply(Reply(request, Shutdown(request)));
                _ended.TrySetResult();
                break;
            case "kernel_info_request":
                reply(Reply(request, KernelInfo.Reply()));
                break;
            default:
                _logger.LogWarning("Ignored an unknown control message: {Type}", request.Type);
                break;
        }
    }

    private JsonObject Execute(JupyterMessage request, Func<JupyterMessage?> nextQueued, Action<JupyterMessage> reply)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var silent = request.Content["silent"]?.GetValue<bool>() ?? false;
        var storeHistory = !silent && (request.Content["store_history"]?.GetValue<bool>() ?? true);
        var stopOnError = request.Content["stop_on_error"]?.GetValue<bool>() ?? true;
        var session = LiveSession(request, silent);
        // As in IPython, only cells stored in the history count; errors name the cell by this number too.
        var count = storeHistory ? ++_executionCount : _executionCount;
        if (!silent)
        {
            Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        }
        ErrorOutput? error = null;
        string? result = null;
        Volatile.Write(ref _executing, true);
        var run = Task.Run(async () =>
        {
            await foreach (var cellEvent in session.RunCellAsync(code, new CellRunOptions { CellNumber = Math.Max(count, 1) }))
            {
                switch (cellEvent)
                {
                    case ErrorOutput e:
                        error = e; // sent with the cell's end, which tells whether the session survived it
                        break;
                    case CellCompleted completed when error is not null:
                        if (completed.SessionNeedsRestart)
                        {
                            error = error with { Message = error.Message + FreshSessionNote, Traceback = [.. error.Traceback, FreshSessionNote.Trim()] };
                        }
                        Publish(request, "error", ErrorContent(error));
                        break;
                    case CellOutput output when !silent:
                        result = (output as ResultOutput)?.Data.GetValueOrDefault("text/plain") ?? result;
                        Publish(request, OutputType(output), OutputContent(output, count));
                        Observe(output);
                        break;
                }
            }
        });
        try
        {
            run.GetAwaiter().GetResult();
        }
        finally
        {
            Volatile.Write(ref _lastExecuteEnded, _time.GetTimestamp());
            Volatile.Write(ref _executing, false);
        }
        if (!session.IsAlive)
        {
            Restart(session);
        }
        if (storeHistory)
        {
            _history.Add(count, code, result);
        }

        if (error is null)
        {
            return new JsonObject { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };
        }
        if (stopOnError)
        {
            // Requests already queued behind a failed cell are not run: they may depend on it.
            while (nextQueued() is { } queued)
            {
                if (queued.Type == "execute_request")
                {
                    Publish(queued, "status", new JsonObject { ["execution_state"] = "busy" });
                    reply(Reply(queued, new JsonObject { ["status"] = "aborted", ["execution_count"] = count }));
                    Publish(queued, "status", new JsonObject { ["execution_state"] = "idle" });
                }
                else
                {
                    OnShell(queued, reply, nextQueued);
                }
            }
        }
        var content = ErrorContent(error);
        content["status"] = "error";
        content["execution_count"] = count;
        return content;
    }

    private const string FreshSessionNote =
        " The kernel has started a fresh notebook process: what earlier cells defined is gone, so run the notebook again from the top.";

    // The session to run a cell in: the current one, or a fresh one if its process ended between two cells (a background
    // thread that crashed it, say), which the cell's output says before anything else.
    private NotebookSession LiveSession(JupyterMessage request, bool silent)
    {
        var session = Volatile.Read(ref _started).GetAwaiter().GetResult();
        if (session.IsAlive)
        {
            return session;
        }
        Restart(session);
        if (!silent)
        {
            Publish(request, "stream", new JsonObject
            {
                ["name"] = "stderr",
                ["text"] = "The notebook's process had ended since the last cell." + FreshSessionNote + "\n",
            });
        }
        return Volatile.Read(ref _started).GetAwaiter().GetResult();
    }

    // Replaces a session whose process ended with a fresh one (the old one is disposed in the background).
    private void Restart(NotebookSession ended)
    {
        _logger.LogWarning("The notebook's process ended; starting a fresh one.");
        Volatile.Write(ref _started, NotebookSession.StartAsync(_sessionOptions));
        _ = Task.Run(async () => await ended.DisposeAsync().ConfigureAwait(false));
    }

    // The first request a client sends: a good moment to warm the completion service up (its first
    // answer costs seconds of loading and JIT) so that the learner's first Tab is quick. It waits until
    // no cell has run for a second, so that it does not slow down the first cell on a small machine.
    private JsonObject KernelInfoReply()
    {
        if (Interlocked.Exchange(ref _warmedUp, 1) == 0)
        {
            _ = Task.Run(async () =>
            {
                var session = await Volatile.Read(ref _started).ConfigureAwait(false);
                do
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), _time).ConfigureAwait(false);
                }
                while (Volatile.Read(ref _executing) || _time.GetElapsedTime(Volatile.Read(ref _lastExecuteEnded)) < TimeSpan.FromSeconds(1));
                await session.CompleteAsync("Console.", "Console.".Length).ConfigureAwait(false);
            });
        }
        return KernelInfo.Reply();
    }

    private JsonObject Complete(JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        using var patience = new CancellationTokenSource(s_editorPatience);
        var completions = Volatile.Read(ref _started).GetAwaiter().GetResult().CompleteAsync(code, cursor, patience.Token).GetAwaiter().GetResult();
        var start = CodePoints.FromUtf16(code, completions.Start);
        var end = CodePoints.FromUtf16(code, completions.End);
        return new JsonObject
        {
            ["status"] = "ok",
            ["matches"] = new JsonArray([.. completions.Matches.Select(m => JsonValue.Create(m.Text))]),
            ["cursor_start"] = start,
            ["cursor_end"] = end,
            // JupyterLab shows each match's kind from this (an extension of the protocol that clients may ignore).
            ["metadata"] = new JsonObject
            {
                ["_jupyter_types_experimental"] = new JsonArray([.. completions.Matches.Select(m => new JsonObject
                {
                    ["start"] = start, ["end"] = end, ["text"] = m.Text, ["type"] = m.Kind.ToLowerInvariant(),
                })]),
            },
        };
    }

    private JsonObject Inspect(JupyterMessage request)
    {
        var (code, cursor) = CodeAndCursor(request);
        using var patience = new CancellationTokenSource(s_editorPatience);
        var inspection = Volatile.Read(ref _started).GetAwaiter().GetResult().InspectAsync(code, cursor, patience.Token).GetAwaiter().GetResult();
        return new JsonObject
        {
            ["status"] = "ok",
            ["found"] = inspection.Found,
            ["data"] = inspection.Found ? new JsonObject { ["text/plain"] = inspection.Text } : new JsonObject(),
            ["metadata"] = new JsonObject(),
        };
    }

    // The cell's code, and the cursor as a UTF-16 index into it (the protocol counts code points).
    private static (string Code, int Cursor) CodeAndCursor(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        return (code, CodePoints.ToUtf16(code, request.Content["cursor_pos"]?.GetValue<int>() ?? code.Length));
    }

    private static JsonObject IsComplete(JupyterMessage request)
    {
        var (status, indent) = CellCompleteness.Check(request.Content["code"]?.GetValue<string>() ?? "");
        var content = new JsonObject { ["status"] = status.ToString().ToLowerInvariant() };
        if (status == CompletenessStatus.Incomplete)
        {
            content["indent"] = indent;
        }
        return content;
    }

    private static JsonObject Shutdown(JupyterMessage request) =>
        new() { ["status"] = "ok", ["restart"] = request.Content["restart"]?.GetValue<bool>() ?? false };

    private void Observe(CellOutput output)
    {
        try
        {
            _observeOutput?.Invoke(output);
        }
        catch (Exception e)
        {
            _logger.LogWarning("An observer of the cells' outputs failed: {Message}", e.Message);
        }
    }

    private static string OutputType(CellOutput output) => output switch
    {
        StreamOutput => "stream",
        DisplayOutput { IsUpdate: true } => "update_display_data",
        DisplayOutput => "display_data",
        _ => "execute_result",
    };

    private static JsonObject OutputContent(CellOutput output, int count) => output switch
    {
        StreamOutput stream => new JsonObject { ["name"] = stream.Name, ["text"] = stream.Text },
        DisplayOutput display => new JsonObject
        {
            ["data"] = MimeBundle.ToJson(display.Data),
            ["metadata"] = new JsonObject(),
            ["transient"] = display.DisplayId is { } id ? new JsonObject { ["display_id"] = id } : new JsonObject(),
        },
        ResultOutput result => new JsonObject { ["execution_count"] = count, ["data"] = MimeBundle.ToJson(result.Data), ["metadata"] = new JsonObject() },
        _ => throw new InvalidOperationException("Unknown output " + output.GetType().Name),
    };

    // Front ends show the traceback, not evalue: its first line in red, as ipykernel colours its own (with ANSI codes, which
    // every Jupyter front end renders), and no blank line at its end.
    private static JsonObject ErrorContent(ErrorOutput error)
    {
        var lines = (error.Traceback.Count > 0 ? error.Traceback : [error.Message]).Select(line => line.TrimEnd('\r', '\n')).ToList();
        while (lines.Count > 1 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }
        lines[0] = "\u001b[0;31m" + lines[0] + "\u001b[0m";
        return new JsonObject
        {
            ["ename"] = error.Name,
            ["evalue"] = error.Message,
            ["traceback"] = new JsonArray([.. lines.Select(line => JsonValue.Create(line))]),
        };
    }

    private JupyterMessage Reply(JupyterMessage request, JsonObject content) =>
        JupyterMessage.Create(request.Type.Replace("_request", "_reply", StringComparison.Ordinal), content, request, _session, _time);

    private void Publish(JupyterMessage? parent, string type, JsonObject content) =>
        _sockets.Publish(JupyterMessage.Create(type, content, parent, _session, _time, identities: [System.Text.Encoding.UTF8.GetBytes(type)]));
}
