using System.IO.Pipes;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
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
    private static readonly TimeSpan s_backstop = TimeSpan.FromSeconds(30);

    private readonly NotebookSessionOptions _options;
    private readonly WorkerProcess _process;
    private readonly NamedPipeServerStream _pipe;
    private readonly MessageChannel<WorkerMessage, WorkerRequest> _channel;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneCellAtATime = new(1, 1);
    private readonly Task _reader;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Channel<CellEvent>? _currentCell;
    private int _currentCellNumber;
    private string? _fatal;
    private volatile bool _ended;
    private bool _disposed;

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
    public bool IsAlive => !_ended;

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
            process = WorkerProcess.Start(workerPath, pipeName, Path.GetFullPath(options.WorkingDirectory), options.Environment, logger);
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
    /// </summary>
    public async IAsyncEnumerable<CellEvent> RunCellAsync(string code, CellRunOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(code);
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _oneCellAtATime.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            ExecutionCount++;
            var cellNumber = options?.CellNumber ?? ExecutionCount;
            if (_ended)
            {
                yield return SessionEndedError(cellNumber);
                yield return new CellCompleted(CellStatus.ProcessEnded, ExecutionCount, TimeSpan.Zero, SessionNeedsRestart: true);
                yield break;
            }
            var limit = options?.TimeLimit ?? _options.DefaultTimeLimit;
            var limitMs = limit == Timeout.InfiniteTimeSpan ? 0 : (int)Math.Max(1, limit.TotalMilliseconds);
            var events = Channel.CreateUnbounded<CellEvent>(new() { SingleReader = true });
            lock (_channel)
            {
                _currentCell = events;
                _currentCellNumber = cellNumber;
            }
            _channel.Write(new RunCellRequest(code, cellNumber, ExecutionCount, limitMs));

            using var interrupt = cancellationToken.Register(Interrupt);
            using var backstop = limitMs > 0 ? new Timer(_ => KillUnresponsive(), null, limit + s_backstop, Timeout.InfiniteTimeSpan) : null;
            await foreach (var cellEvent in events.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return cellEvent;
                if (cellEvent is CellCompleted completed)
                {
                    if (completed.SessionNeedsRestart)
                    {
                        await EndAsync().ConfigureAwait(false);
                    }
                    break;
                }
            }
        }
        finally
        {
            lock (_channel)
            {
                _currentCell = null;
            }
            _oneCellAtATime.Release();
        }
    }

    /// <summary>Asks the running cell to stop; it ends with an "interrupted" error and the session keeps its state.</summary>
    public void Interrupt()
    {
        if (!_ended)
        {
            _channel.Write(new InterruptRequest());
        }
    }

    /// <summary>Ends the worker process.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        if (!_ended)
        {
            _channel.Write(new ShutdownRequest());
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        }
        await EndAsync().ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _channel.Dispose();
        _process.Dispose();
        _oneCellAtATime.Dispose();
    }

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
                    case CellEventMessage { Event: var cellEvent }:
                        lock (_channel)
                        {
                            _currentCell?.Writer.TryWrite(cellEvent);
                        }
                        break;
                    case LogMessage log:
                        Log(log);
                        break;
                    case FatalMessage fatal:
                        _fatal = fatal.Message;
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
        var wasEnded = _ended;
        _ended = true;
        Channel<CellEvent>? cell;
        int cellNumber;
        lock (_channel)
        {
            cell = _currentCell;
            cellNumber = _currentCellNumber;
            _currentCell = null;
        }
        if (cell is null || wasEnded)
        {
            cell?.Writer.TryComplete();
            return;
        }
        // The process ended while a cell ran: the cell did it (stack overflow, Environment.Exit, a crash).
        var how = _process.DescribeExitAsync().GetAwaiter().GetResult();
        var message = $"Cell {cellNumber} ended the notebook's process ({how})." +
            (_fatal is null ? "" : " " + _fatal) +
            " Everything the notebook had computed is lost: run it again from the top.";
        cell.Writer.TryWrite(new ErrorOutput(ErrorKind.ProcessEnded, "ProcessEnded", message, null, [message]));
        cell.Writer.TryWrite(new CellCompleted(CellStatus.ProcessEnded, ExecutionCount, TimeSpan.Zero, SessionNeedsRestart: true));
        cell.Writer.TryComplete();
    }

    private void KillUnresponsive()
    {
        _logger.LogWarning("The notebook worker did not finish a cell long after its time limit; killing it.");
        _process.Kill();
    }

    private async Task EndAsync()
    {
        _ended = true;
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
