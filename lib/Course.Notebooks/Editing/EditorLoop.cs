using System.Collections.Concurrent;
using Course.Notebooks.Protocol;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Editing;

/// <summary>
/// Answers completion and inspection requests in the worker, on a thread of their own, so they are
/// answered while a cell runs (against the cells that have finished).
/// </summary>
internal sealed class EditorLoop
{
    private readonly BlockingCollection<WorkerRequest> _requests = [];
    // Made at the first request: loading Roslyn's editor services takes a while, and `course run` never needs them.
    private readonly Lazy<CellEditor> _editor = new(() => new CellEditor(), LazyThreadSafetyMode.None);
    private readonly Func<(Script? LastRun, ScriptOptions Options)> _session;
    private readonly Action<WorkerMessage> _send;
    private readonly Action<string, string> _log;

    /// <param name="session">The session's last submission and its options, read at each request.</param>
    /// <param name="send">Sends the answer to the session.</param>
    /// <param name="log">Engine diagnostics (level, message).</param>
    public EditorLoop(Func<(Script?, ScriptOptions)> session, Action<WorkerMessage> send, Action<string, string> log)
    {
        _session = session;
        _send = send;
        _log = log;
        new Thread(Loop) { IsBackground = true, Name = "course-editor" }.Start();
    }

    public void Add(WorkerRequest request) => _requests.Add(request);

    /// <summary>
    /// Prepares the editor for the cells run so far (the first completion after a cell otherwise waits while the workspace
    /// takes in the new cell and, the first time, while Roslyn's editor services load) — unless, a moment later,
    /// <paramref name="busy"/> says another cell runs (a "run all": it would only compete for the processor) or a request
    /// came (which warms it anyway).
    /// </summary>
    public void WarmUp(Func<bool> busy)
    {
        if (!_requests.IsAddingCompleted)
        {
            _requests.Add(new WarmUpRequest(busy));
        }
    }

    public void Stop() => _requests.CompleteAdding();

    private void Loop()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            if (request is WarmUpRequest warmUp && !Ready(warmUp))
            {
                continue;
            }
            var (lastRun, options) = _session();
            switch (request)
            {
                case WarmUpRequest:
                    Answer(() => _editor.Value.CompleteAsync(lastRun, options, "Console.", "Console.".Length, CancellationToken.None),
                        new CellCompletions(0, 0, []));
                    if (_requests.Count == 0) // someone is typing already: answer them first
                    {
                        Answer(() => _editor.Value.InspectAsync(lastRun, options, "Console.WriteLine", "Console.Wr".Length, CancellationToken.None),
                            CellInspection.NotFound);
                    }
                    break;
                case CompleteRequest complete:
                    _send(new CompletionsMessage(complete.Id, Answer(
                        () => _editor.Value.CompleteAsync(lastRun, options, complete.Code, complete.Position, CancellationToken.None),
                        new CellCompletions(complete.Position, complete.Position, []))));
                    break;
                case InspectRequest inspect:
                    _send(new InspectionMessage(inspect.Id, Answer(
                        () => _editor.Value.InspectAsync(lastRun, options, inspect.Code, inspect.Position, CancellationToken.None),
                        CellInspection.NotFound)));
                    break;
            }
        }
        if (_editor.IsValueCreated)
        {
            _editor.Value.Dispose();
        }
    }

    // A warm-up goes ahead after a short pause if nothing else is waiting and no cell runs.
    private bool Ready(WarmUpRequest warmUp)
    {
        Thread.Sleep(s_warmUpPause);
        return _requests.Count == 0 && !warmUp.Busy();
    }

    private static readonly TimeSpan s_warmUpPause = TimeSpan.FromMilliseconds(100);

    /// <summary>Not sent by the session: queued by <see cref="WarmUp"/> in the worker.</summary>
    private sealed record WarmUpRequest(Func<bool> Busy) : WorkerRequest;

    // Editor services are a convenience: a failure is logged and answered with "nothing", never fatal.
    private T Answer<T>(Func<Task<T>> ask, T nothing)
    {
        using var relief = PoolRelief.WhileStarved();
        try
        {
            return ask().GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            _log("warning", $"The editor services failed: {e.GetType().Name}: {e.Message}");
            return nothing;
        }
    }

    /// <summary>
    /// Roslyn's editor services run partly on the thread pool. When a cell has left the pool's threads blocked (notebook 02's
    /// lesson), the editor's work items would wait behind its queued ones while the pool adds a thread or two a second: for
    /// the time of one request, the pool may start threads for all of them at once.
    /// </summary>
    private sealed class PoolRelief : IDisposable
    {
        private readonly int _workers;
        private readonly int _completionPorts;

        private PoolRelief(int workers, int completionPorts)
        {
            _workers = workers;
            _completionPorts = completionPorts;
        }

        public static PoolRelief? WhileStarved()
        {
            var pending = ThreadPool.PendingWorkItemCount;
            if (pending == 0)
            {
                return null;
            }
            ThreadPool.GetMinThreads(out var workers, out var completionPorts);
            ThreadPool.SetMinThreads((int)Math.Min(ThreadPool.ThreadCount + pending + 4, short.MaxValue), completionPorts);
            return new PoolRelief(workers, completionPorts);
        }

        public void Dispose() => ThreadPool.SetMinThreads(_workers, _completionPorts);
    }
}
