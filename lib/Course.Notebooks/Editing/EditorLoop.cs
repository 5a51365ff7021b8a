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

    public void Stop() => _requests.CompleteAdding();

    private void Loop()
    {
        foreach (var request in _requests.GetConsumingEnumerable())
        {
            var (lastRun, options) = _session();
            switch (request)
            {
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

    // Editor services are a convenience: a failure is logged and answered with "nothing", never fatal.
    private T Answer<T>(Func<Task<T>> ask, T nothing)
    {
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
}
