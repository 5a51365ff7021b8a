using System.Diagnostics;
using Course.Notebooks.Protocol;
using Course.Notebooks.Sessions;

namespace Course.Notebooks.Execution;

/// <summary>Why the engine asked a running cell to stop.</summary>
internal enum StopReason
{
    None,
    TimeLimit,
    Interrupted,
}

/// <summary>
/// One execution of one cell in the worker. Outputs go to the session until the cell completes;
/// completion happens exactly once, either when the cell ends or, for a cell stuck past its limit
/// in code that ignores the stop request, when the watchdog gives up on it.
/// </summary>
internal sealed class CellRun(RunCellRequest request, Action<CellEvent> send)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _completed;
    private volatile StopReason _stopReason;

    public RunCellRequest Request { get; } = request;

    public TimeSpan Elapsed => _clock.Elapsed;

    public StopReason StopReason => _stopReason;

    public bool IsCompleted => Volatile.Read(ref _completed) != 0;

    public void RequestStop(StopReason reason)
    {
        if (_stopReason == StopReason.None)
        {
            _stopReason = reason;
        }
    }

    public void Emit(CellOutput output)
    {
        if (!IsCompleted)
        {
            send(output);
        }
    }

    /// <summary>Sends the final outputs and the completion; false if the cell was already completed.</summary>
    public bool TryComplete(CellStatus status, bool needsRestart, params CellOutput[] finalOutputs)
    {
        if (Interlocked.Exchange(ref _completed, 1) != 0)
        {
            return false;
        }
        foreach (var output in finalOutputs)
        {
            send(output);
        }
        send(new CellCompleted(status, Request.ExecutionCount, _clock.Elapsed, needsRestart));
        return true;
    }

    public string StopMessage(StopReason reason) => reason switch
    {
        StopReason.Interrupted => $"Cell {Request.CellNumber} was interrupted.",
        _ => $"Cell {Request.CellNumber} ran past its time limit of {FormatLimit(Request.TimeLimitMs)} and was stopped. " +
             "Make the work smaller, or give a heavy cell a longer limit in its metadata (\"course\": {\"timeoutSeconds\": N}).",
    };

    private static string FormatLimit(int ms) => ms % 1000 == 0 ? $"{ms / 1000} s" : $"{ms} ms";
}
