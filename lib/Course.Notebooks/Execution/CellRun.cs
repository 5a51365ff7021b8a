using System.Diagnostics;
using Course.Notebooks.Protocol;
using Course.Notebooks.Runtime;
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
/// in code that ignores the stop request, when the watchdog gives up on it. Output that arrives
/// after completion (from a thread the cell left behind) goes to the log instead.
/// </summary>
internal sealed class CellRun(RunCellRequest request, Action<CellEvent> send, Action<string> logLate)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stopped = new();
    private readonly Lock _lock = new();
    private bool _completed;
    private volatile StopReason _stopReason;
    private int _displays;
    private long _displayCharacters;

    /// <summary>How many <c>display(x)</c> outputs one cell may show.</summary>
    public const int DisplayLimit = 1_000;

    /// <summary>How many characters (all MIME types together) one cell's <c>display(x)</c> outputs may hold.</summary>
    public const int DisplayCharacterLimit = 10_000_000;

    /// <summary>The line that replaces the cell's displays once it passed a limit.</summary>
    public static readonly string DisplaysTruncatedMarker = string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"… displays truncated: the cell displayed more than {DisplayLimit:N0} values or {DisplayCharacterLimit:N0} characters, and the rest are not shown (nor saved).\n");

    public RunCellRequest Request { get; } = request;

    /// <summary>The scope the cell's code runs in: stopping it stops the cell and whatever it started.</summary>
    public StopScope Scope { get; } = new();

    /// <summary>Cancelled when the cell is asked to stop (for the engine's own work, such as a restore).</summary>
    public CancellationToken StopToken => _stopped.Token;

    public StopReason StopReason => _stopReason;

    public bool IsCompleted
    {
        get
        {
            lock (_lock)
            {
                return _completed;
            }
        }
    }

    public void RequestStop(StopReason reason)
    {
        lock (_lock)
        {
            if (_completed || _stopReason != StopReason.None)
            {
                return;
            }
            _stopReason = reason;
        }
        CellGuard.Stop(Scope, StopMessage(reason));
        _stopped.Cancel();
    }

    /// <summary>
    /// Counts a <c>display(x)</c> output against the cell's limits: <see cref="DisplayOutput"/> to send it, the
    /// <see cref="DisplaysTruncatedMarker"/> line for the first one past a limit, null for the ones after it. An update
    /// replaces an output rather than adding one: it counts against the characters only.
    /// </summary>
    public CellOutput? AdmitDisplay(IReadOnlyDictionary<string, string> data, string? displayId = null, bool isUpdate = false)
    {
        lock (_lock)
        {
            if (_displays > DisplayLimit)
            {
                return null;
            }
            _displays += isUpdate ? 0 : 1;
            _displayCharacters += data.Values.Sum(v => (long)v.Length);
            if (_displays <= DisplayLimit && _displayCharacters <= DisplayCharacterLimit)
            {
                return new DisplayOutput(data, displayId, isUpdate);
            }
            _displays = DisplayLimit + 1;
            return new StreamOutput("stdout", DisplaysTruncatedMarker);
        }
    }

    public void Emit(CellOutput output)
    {
        lock (_lock)
        {
            if (!_completed)
            {
                send(output);
                return;
            }
        }
        logLate($"Output of cell {Request.CellNumber} arrived after it had ended: {Describe(output)}");
    }

    /// <summary>Sends the final outputs and the completion; false if the cell was already completed.</summary>
    public bool TryComplete(CellStatus status, bool needsRestart, params CellOutput[] finalOutputs)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return false;
            }
            _completed = true;
            foreach (var output in finalOutputs)
            {
                send(output);
            }
            send(new CellCompleted(status, Request.ExecutionCount, _clock.Elapsed, needsRestart));
            return true;
        }
    }

    /// <param name="reason">Why the cell was asked to stop.</param>
    /// <param name="finishedAnyway">True when the cell ignored the request and ran to its end after the limit.</param>
    public string StopMessage(StopReason reason, bool finishedAnyway = false) => (reason, finishedAnyway) switch
    {
        (StopReason.Interrupted, false) => $"Cell {Request.CellNumber} was interrupted.",
        (StopReason.Interrupted, true) => $"Cell {Request.CellNumber} was interrupted, but ran on to its end (it does not observe cancellation there).",
        (_, false) => $"Cell {Request.CellNumber} ran past its time limit of {FormatLimit(Request.TimeLimitMs)} and was stopped. " + (Request.TimeLimitAdvice ?? LimitAdvice),
        (_, true) => $"Cell {Request.CellNumber} ran past its time limit of {FormatLimit(Request.TimeLimitMs)}: it finished after {_clock.Elapsed.TotalSeconds:0.0} s, " +
                     "in code that does not observe cancellation. " + (Request.TimeLimitAdvice ?? LimitAdvice),
    };

    // For notebooks run by the course command (a kernel gives its own advice: NotebookSessionOptions.TimeLimitAdvice).
    private const string LimitAdvice =
        "Make the work smaller, or give a heavy cell a longer limit in its metadata (\"course\": {\"timeoutSeconds\": N}).";

    private static string FormatLimit(int ms) => ms % 1000 == 0 ? $"{ms / 1000} s" : $"{ms} ms";

    private static string Describe(CellOutput output) => output switch
    {
        StreamOutput stream => stream.Text,
        DisplayOutput display => display.Data.GetValueOrDefault("text/plain") ?? "(a displayed value)",
        _ => output.ToString(),
    };
}
