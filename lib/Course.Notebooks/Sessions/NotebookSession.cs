using System.Collections.Concurrent;
using System.IO.Pipes;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Course.Notebooks.Editing;
using Course.Notebooks.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Course.Notebooks.Sessions;

/// <summary>
/// A running notebook: one worker process holding one C# script state. Cells run one at a time, in
/// the order they are given, and each produces a stream of <see cref="CellEvent"/>s that ends with
/// <see cref="CellCompleted"/>. The CLI and the Jupyter kernel both drive the engine through this type.
/// </summary>
/// <example>
/// <code>
/// await using var session = await NotebookSession.StartAsync(new() { WorkingDirectory = "notebooks" });
/// await foreach (var e in session.RunCellAsync("1 + 2")) Console.WriteLine(e);
/// </code>
/// </example>
public sealed class NotebookSession : IAsyncDisposable
{
    // How long past its own time limit a cell may go before the worker counts as unresponsive (the
    // worker's watchdog normally ends it first), plus room for a package restore in that cell. It counts from
    // the request, so it also covers compiling the cell, which a cold compiler on a loaded 2-core machine can
    // take tens of seconds to do (30 s once killed a worker that was only compiling).
    private static readonly TimeSpan s_backstop = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan s_restoreAllowance = TimeSpan.FromMinutes(6);
    private static readonly TimeSpan s_abandonedCellDrain = TimeSpan.FromSeconds(15);

    private readonly NotebookSessionOptions _options;
    private readonly WorkerProcess _process;
    private readonly NamedPipeServerStream _pipe;
    private readonly MessageChannel<WorkerMessage, WorkerRequest> _channel;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Task _reader;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<int, TaskCompletionSource<WorkerMessage?>> _editorRequests = new();
    private int _lastEditorRequest;
    private Channel<CellEvent>? _currentCell;
    private int _currentExecutionCount;
    private int _currentCellNumber;
    private string? _fatal;
    private string? _endedBecause;
    private bool _ended;
    private int _disposed;

    private NotebookSession(NotebookSessionOptions options, WorkerProcess process, NamedPipeServerStream pipe, ILogger logger)
    {
        _options = options;
        _process = process;
        _pipe = pipe;
        _logger = logger;
        _channel = new(pipe, ProtocolJsonContext.Default.WorkerMessage, ProtocolJsonContext.Default.WorkerRequest);
        _reader = Task.Factory.StartNew(ReadMessages, TaskCreationOptions.LongRunning);
    }

    /// <summary>The number of cells run so far (the Jupyter execution count of the last one).</summary>
    public int ExecutionCount { get; private set; }

    /// <summary>The worker process's id (to watch its memory, for example).</summary>
    public int ProcessId => _process.Id;

    /// <summary>False once the worker process has ended (a crash, or a cell stuck past its limit): start a new session.</summary>
    public bool IsAlive
    {
        get
        {
            lock (_lock)
            {
                return !_ended;
            }
        }
    }

    /// <summary>Starts a worker process for one notebook and waits until it is ready.</summary>
    public static async Task<NotebookSession> StartAsync(NotebookSessionOptions options, CancellationToken cancellationToken = default)
    {
        var logger = options.Logger ?? NullLogger.Instance;
        var workerPath = options.WorkerPath ?? Path.Combine(AppContext.BaseDirectory, "Course.Notebooks.Worker.dll");
        var pipeName = $"course-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32];
        var pipe = new NamedPipeServerStream(pipeName, PipeDirection.InOut, 1, PipeTransmissionMode.Byte, PipeOptions.Asynchronous);
        WorkerProcess? process = null;
        try
        {
            process = WorkerProcess.Start(workerPath, pipeName, options, logger);
            using var startLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startLimit.CancelAfter(TimeSpan.FromMinutes(1));
            try
            {
                await pipe.WaitForConnectionAsync(startLimit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new InvalidOperationException($"The notebook worker did not start ({await process.DescribeExitAsync().ConfigureAwait(false)}).");
            }
            var session = new NotebookSession(options, process, pipe, logger);
            await session.WaitReadyAsync().ConfigureAwait(false);
            return session;
        }
        catch
        {
            process?.Kill();
            process?.Dispose();
            await pipe.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs one cell and streams what it produces, ending with <see cref="CellCompleted"/>.
    /// Cancelling <paramref name="cancellationToken"/> interrupts the cell (the stream still ends normally).
    /// A caller that stops reading early interrupts the cell too, and the next cell waits until it has ended.
    /// </summary>
    public async IAsyncEnumerable<CellEvent> RunCellAsync(string code, CellRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _oneCellAtATime.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        var events = Channel.CreateUnbounded<CellEvent>(new() { SingleReader = true });
        var completed = false;
        try
        {
            var executionCount = ++ExecutionCount;
            var cellNumber = options?.CellNumber ?? executionCount;
            var limitMs = TimeLimitMilliseconds(options?.TimeLimit ?? _options.DefaultTimeLimit);
            bool ended;
            lock (_lock)
            {
                ended = _ended;
                if (!ended)
                {
                    _currentCell = events;
                    _currentExecutionCount = executionCount;
                    _currentCellNumber = cellNumber;
                }
            }
            if (ended)
            {
                completed = true;
                yield return SessionEndedError(cellNumber);
                yield return new CellCompleted(CellStatus.ProcessEnded, executionCount, TimeSpan.Zero, SessionNeedsRestart: true);
                yield break;
            }
            if (!_channel.Write(new RunCellRequest(code, cellNumber, executionCount, limitMs, _options.TimeLimitAdvice)))
            {
                _logger.LogDebug("The notebook worker is gone; cell {Cell} ends with the process.", cellNumber);
            }

            yield return new CellStarted();
            using var interrupt = cancellationToken.Register(Interrupt);
            var backstop = TimeSpan.FromMilliseconds(limitMs) + s_backstop + (code.Contains("nuget:", StringComparison.OrdinalIgnoreCase) ? s_restoreAllowance : TimeSpan.Zero);
            using var unresponsive = limitMs > 0 ? new Timer(_ => KillUnresponsive(), null, backstop, Timeout.InfiniteTimeSpan) : null;
            await foreach (var cellEvent in events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (cellEvent is CellCompleted { SessionNeedsRestart: true })
                {
                    await EndAsync("a cell had to be abandoned").ConfigureAwait(false);
                }
                completed = cellEvent is CellCompleted;
                yield return cellEvent;
                if (completed)
                {
                    break;
                }
            }
        }
        finally
        {
            if (!completed)
            {
                await AbandonAsync(events).ConfigureAwait(false);
            }
            lock (_lock)
            {
                _currentCell = null;
            }
            _oneCellAtATime.Release();
        }
    }

    /// <summary>Asks the running cell to stop; it ends with an "interrupted" error and the session keeps its state.</summary>
    public void Interrupt()
    {
        int executionCount;
        lock (_lock)
        {
            if (_ended || _currentCell is null)
            {
                return;
            }
            executionCount = _currentExecutionCount;
        }
        _channel.Write(new InterruptRequest(executionCount));
    }

    /// <summary>
    /// C# completions at <paramref name="position"/> (a UTF-16 offset into <paramref name="code"/>), as the cell
    /// would see them after the cells run so far. Answered while a cell runs; no completions if the
    /// notebook's process has ended or does not answer before <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<CellCompletions> CompleteAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var answer = await AskEditorAsync(id => new CompleteRequest(id, code, position), cancellationToken).ConfigureAwait(false);
        return (answer as CompletionsMessage)?.Completions ?? new CellCompletions(position, position, []);
    }

    /// <summary>The signature and documentation of the symbol at <paramref name="position"/> (a UTF-16 offset into <paramref name="code"/>).</summary>
    public async Task<CellInspection> InspectAsync(string code, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        var answer = await AskEditorAsync(id => new InspectRequest(id, code, position), cancellationToken).ConfigureAwait(false);
        return (answer as InspectionMessage)?.Inspection ?? CellInspection.NotFound;
    }

    /// <summary>Ends the worker process (a running cell ends with it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        bool wasEnded;
        lock (_lock)
        {
            wasEnded = _ended;
            _endedBecause ??= "the session was closed";
        }
        if (!wasEnded)
        {
            _channel.Write(new ShutdownRequest());
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        await EndAsync("the session was closed").ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _channel.Dispose();
        _process.Dispose();
    }

    // The caller stopped reading before the cell ended: interrupt it and wait for its end, so that
    // its late events cannot be taken for the next cell's. A worker that does not answer is ended.
    private async Task AbandonAsync(Channel<CellEvent> events)
    {
        Interrupt();
        using var limit = new CancellationTokenSource(s_abandonedCellDrain);
        try
        {
            await foreach (var cellEvent in events.Reader.ReadAllAsync(limit.Token).ConfigureAwait(false))
            {
                if (cellEvent is CellCompleted)
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            await EndAsync("an abandoned cell did not stop").ConfigureAwait(false);
        }
    }

    private async Task<WorkerMessage?> AskEditorAsync(Func<int, WorkerRequest> request, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var id = Interlocked.Increment(ref _lastEditorRequest);
        var answer = new TaskCompletionSource<WorkerMessage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _editorRequests[id] = answer;
        try
        {
            if (!IsAlive || !_channel.Write(request(id)))
            {
                return null;
            }
            return await answer.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            _editorRequests.TryRemove(id, out _);
        }
    }

    private void Answer(int id, WorkerMessage message)
    {
        if (_editorRequests.TryGetValue(id, out var answer))
        {
            answer.TrySetResult(message);
        }
    }

    private static int TimeLimitMilliseconds(TimeSpan limit) =>
        limit == Timeout.InfiniteTimeSpan || limit.TotalMilliseconds >= int.MaxValue ? 0 : (int)Math.Max(1, limit.TotalMilliseconds);

    private async Task WaitReadyAsync()
    {
        var ready = await Task.WhenAny(_ready.Task, Task.Delay(TimeSpan.FromMinutes(1))).ConfigureAwait(false);
        if (ready != _ready.Task || !_ready.Task.IsCompletedSuccessfully)
        {
            throw new InvalidOperationException($"The notebook worker did not start ({await _process.DescribeExitAsync().ConfigureAwait(false)}).");
        }
    }

    // Runs on its own thread: dispatches the worker's messages to the running cell.
    private void ReadMessages()
    {
        try
        {
            while (_channel.Read() is { } message)
            {
                switch (message)
                {
                    case ReadyMessage:
                        _ready.TrySetResult();
                        break;
                    case CellEventMessage { ExecutionCount: var count, Event: var cellEvent }:
                        lock (_lock)
                        {
                            if (_currentCell is not null && count == _currentExecutionCount)
                            {
                                _currentCell.Writer.TryWrite(cellEvent);
                            }
                            else
                            {
                                _logger.LogDebug("Dropped an event of run {Count}, which has ended: {Event}", count, cellEvent);
                            }
                        }
                        break;
                    case LogMessage log:
                        Log(log);
                        break;
                    case FatalMessage fatal:
                        _fatal = fatal.Message;
                        break;
                    case CompletionsMessage completions:
                        Answer(completions.Id, completions);
                        break;
                    case InspectionMessage inspection:
                        Answer(inspection.Id, inspection);
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // the worker is gone
        }
        _ready.TrySetException(new InvalidOperationException("The notebook worker ended before it was ready."));
        OnWorkerEnded();
    }

    private void OnWorkerEnded()
    {
        foreach (var answer in _editorRequests.Values)
        {
            answer.TrySetResult(null);
        }
        Channel<CellEvent>? cell;
        int cellNumber, executionCount;
        string? endedBecause;
        lock (_lock)
        {
            _ended = true;
            cell = _currentCell;
            cellNumber = _currentCellNumber;
            executionCount = _currentExecutionCount;
            endedBecause = _endedBecause;
            _currentCell = null;
        }
        if (cell is null)
        {
            return;
        }
        string message;
        if (endedBecause is null)
        {
            // The process ended while a cell ran: the cell did it (stack overflow, Environment.Exit, a crash).
            var how = _process.DescribeExitAsync().GetAwaiter().GetResult();
            message = $"Cell {cellNumber} ended the notebook's process ({how})." +
                (_fatal is null ? "" : " " + _fatal) +
                " Everything the notebook had computed is lost: run it again from the top.";
        }
        else
        {
            message = $"Cell {cellNumber} did not finish: {endedBecause}, so the notebook's process was ended.";
        }
        cell.Writer.TryWrite(new ErrorOutput(ErrorKind.ProcessEnded, "ProcessEnded", message, null, [message]));
        cell.Writer.TryWrite(new CellCompleted(CellStatus.ProcessEnded, executionCount, TimeSpan.Zero, SessionNeedsRestart: true));
        cell.Writer.TryComplete();
    }

    private void KillUnresponsive()
    {
        _logger.LogWarning("The notebook worker did not finish a cell long after its time limit; killing it.");
        lock (_lock)
        {
            _endedBecause ??= "the notebook's process stopped answering long after the cell's time limit";
        }
        _process.Kill();
    }

    private async Task EndAsync(string because)
    {
        lock (_lock)
        {
            _endedBecause ??= because;
            _ended = true;
        }
        _process.Kill();
        await _pipe.DisposeAsync().ConfigureAwait(false);
    }

    private void Log(LogMessage log)
    {
        var level = log.Level switch
        {
            "debug" => LogLevel.Debug,
            "warning" or "output" => LogLevel.Warning,
            _ => LogLevel.Information,
        };
        if (log.Level == "output")
        {
            _logger.Log(level, "Console output written after the last cell ended: {Text}", log.Message);
        }
        else
        {
            _logger.Log(level, "{Message}", log.Message);
        }
    }

    private static ErrorOutput SessionEndedError(int cellNumber)
    {
        var message = $"Cell {cellNumber} was not run: the notebook's process has ended. Start a new session.";
        return new ErrorOutput(ErrorKind.ProcessEnded, "ProcessEnded", message, null, [message]);
    }
}
