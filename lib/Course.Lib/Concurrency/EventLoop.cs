using System.Net;
using System.Net.Sockets;
using System.Runtime.ExceptionServices;

namespace Course.Concurrency;

/// <summary>
/// A single-threaded event loop in the shape of Python's asyncio loop (<c>BaseEventLoop._run_once</c>): a ready queue,
/// a heap of timers and a wait for sockets in <see cref="Socket.Select(System.Collections.IList, System.Collections.IList, System.Collections.IList, int)"/>,
/// all on one thread that the loop owns. The loop is a <see cref="SynchronizationContext"/>, so inside
/// <see cref="Run(Func{Task}, CancellationToken)"/> every <c>await</c> posts the rest of its method back to the loop:
/// the coroutines interleave on that one thread, and a callback that blocks (<c>Thread.Sleep</c>, <c>.Result</c>)
/// stops every coroutine, every timer and every socket callback until it returns.
/// </summary>
/// <remarks>
/// <para>One turn of the loop, as in asyncio: compute how long to wait (zero when callbacks are ready, else until the
/// next timer is due, else until woken); wait in <c>Socket.Select</c> for the sockets registered with
/// <see cref="AddReader(Socket, Action)"/> (and the loop's own wake-up socket, asyncio's self-pipe); queue the readers
/// whose socket can be read; queue the timers that are due; then run the callbacks that are ready now, one at a time.
/// Callbacks they queue run in the next turn.</para>
/// <para>A <see cref="Post(SendOrPostCallback, object?)"/> from another thread (an awaited task that completed there)
/// queues the callback and wakes the select, as asyncio's <c>call_soon_threadsafe</c> does.
/// <see cref="CallLater(TimeSpan, Action)"/>, <see cref="AddReader(Socket, Action)"/> and
/// <see cref="RemoveReader(Socket)"/> are, as in asyncio, for the loop's own thread.</para>
/// <para>What asyncio adds: handles that cancel a timer or callback, executors (<c>run_in_executor</c>), writers,
/// signal handlers, and a selector that uses epoll or kqueue (this loop's <c>Socket.Select</c> is <c>poll</c> on
/// Linux and macOS, <c>select</c> on Windows, handed the whole list every turn).</para>
/// <para>A loop runs once: <c>Run</c> starts the thread, calls <c>main</c> on it, turns until the task <c>main</c>
/// returned completes, then shuts the loop down (queued callbacks, timers and readers are dropped) and returns
/// <c>main</c>'s result or throws its exception. Create a new loop for the next run.</para>
/// <para>An exception that escapes a callback (posted, timer or reader) ends the run: <c>Run</c> throws that exception
/// (the original, not wrapped). An exception inside a coroutine goes into the coroutine's task instead, and the
/// coroutine that awaits the task sees it.</para>
/// <para>A coroutine that <c>main</c> started but did not await, still awaiting when <c>main</c> returned, has nowhere
/// to resume: its resumption is dropped and counted in <see cref="DroppedAfterShutdown"/> (asyncio warns "Task was
/// destroyed but it is pending!"). <see cref="Post(Action)"/> after the run throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// var loop = new EventLoop();
/// loop.Run(async () =>
/// {
///     loop.CallLater(TimeSpan.FromMilliseconds(20), () => Console.WriteLine("timer"));
///     Console.WriteLine("soon");
///     await loop.Sleep(TimeSpan.FromMilliseconds(50));   // asyncio.sleep: a timer on the loop's heap
/// });
/// loop   // event loop on thread 12: shut down, 3 callbacks run
/// </code>
/// </example>
public sealed class EventLoop : SynchronizationContext
{
    private const int NotStarted = 0, Running = 1, ShutDown = 2;

    private readonly object _gate = new();
    private readonly Queue<WorkItem> _ready = new();                                  // guarded by _gate
    private readonly PriorityQueue<WorkItem, (long Due, long Order)> _timers = new();  // the loop's thread only
    private readonly Dictionary<Socket, Reader> _readers = [];                        // the loop's thread only
    private readonly List<Socket> _selectList = [];
    private readonly List<WorkItem> _dueNow = [];
    private readonly Thread _thread;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource<Task> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = NotStarted;
    private long _callbacksRun;
    private long _droppedAfterShutdown;
    private long _postsFromOtherThreads;
    private long _timerOrder;
    private int _wakePending;
    private volatile Socket? _wakeSender;
    private Socket? _wakeReceiver;
    private ITimer? _fakeClockWake;
    private long _fakeClockWakeDue = long.MaxValue;
    private volatile Task? _main;
    private volatile ExceptionDispatchInfo? _failure;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Creates a loop on the system clock; its thread starts when the loop runs.</summary>
    public EventLoop()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// Creates a loop whose timers follow <paramref name="timeProvider"/>. With a fake clock (<c>FakeTimeProvider</c>)
    /// timers come due when the test advances the clock; the select then waits until woken instead of for real time.
    /// </summary>
    public EventLoop(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _time = timeProvider;
        _thread = new Thread(Pump) { IsBackground = true, Name = "Course event loop" };
    }

    /// <summary>The loop that runs the code calling this, or null when that code does not run on an event loop.</summary>
    public static new EventLoop? Current => SynchronizationContext.Current as EventLoop;

    /// <summary>The managed thread id of the one thread the loop runs callbacks on (known before the loop starts).</summary>
    public int LoopThreadId => _thread.ManagedThreadId;

    /// <summary>
    /// How many callbacks the loop has run: the one that calls <c>main</c>, each resumption of a coroutine after an
    /// <c>await</c>, each callback posted with <see cref="Post(Action)"/>, each timer and each reader callback.
    /// </summary>
    public long CallbacksRun => Interlocked.Read(ref _callbacksRun);

    /// <summary>
    /// How many resumptions arrived after the run was over and were dropped: coroutines that were started but not
    /// awaited, still awaiting something when <c>main</c> returned. They never finish.
    /// </summary>
    public long DroppedAfterShutdown => Interlocked.Read(ref _droppedAfterShutdown);

    /// <summary>How many turns the loop has taken; each waits in <c>Socket.Select</c> (or skips it when callbacks are ready and no socket is watched).</summary>
    public long Turns { get; private set; }

    /// <summary>
    /// How many resumptions were posted from a thread other than the loop's: an await of something that completed
    /// elsewhere (a <c>Task.Delay</c>, a thread-pool thread, I/O). An await of <c>Task.Yield()</c> or of
    /// <see cref="Sleep(TimeSpan)"/> posts from the loop's own thread.
    /// </summary>
    internal long PostsFromOtherThreads => Interlocked.Read(ref _postsFromOtherThreads);

    /// <summary>True once the run is over (or was cancelled): nothing posted runs any more.</summary>
    public bool IsShutDown => Volatile.Read(ref _state) == ShutDown;

    /// <summary>
    /// Runs <paramref name="main"/> on the loop's thread and turns the loop until the task it returns completes,
    /// then shuts the loop down; blocks the calling thread meanwhile. Throws what <paramref name="main"/> throws, or
    /// what a callback throws first.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the loop stops
    /// and <c>Run</c> returns at once, even when a callback is still running (the loop thread ends when it returns).</exception>
    /// <exception cref="InvalidOperationException">This loop has already run.</exception>
    public void Run(Func<Task> main, CancellationToken cancellationToken = default) =>
        RunAsync(main, cancellationToken).GetAwaiter().GetResult();

    /// <summary>Runs <paramref name="main"/> as <see cref="Run(Func{Task}, CancellationToken)"/> does, and returns its result.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">This loop has already run.</exception>
    public T Run<T>(Func<Task<T>> main, CancellationToken cancellationToken = default) =>
        RunAsync(main, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="main"/> as <see cref="Run(Func{Task}, CancellationToken)"/> does, without blocking the
    /// caller: the task completes after the loop thread has ended.
    /// </summary>
    public async Task RunAsync(Func<Task> main, CancellationToken cancellationToken = default)
    {
        var finished = await Start(main, cancellationToken).ConfigureAwait(false);
        await finished.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="main"/> as <see cref="Run(Func{Task}, CancellationToken)"/> does, without blocking the
    /// caller, and returns its result.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> main, CancellationToken cancellationToken = default)
    {
        var finished = await Start(main, cancellationToken).ConfigureAwait(false);
        return await ((Task<T>)finished).ConfigureAwait(false);
    }

    /// <summary>Queues <paramref name="callback"/> to run on the loop after everything queued before it (asyncio's <c>call_soon</c>).</summary>
    /// <exception cref="InvalidOperationException">The loop has shut down.</exception>
    public void Post(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (!TryEnqueue(static state => ((Action)state!)(), callback))
        {
            throw ShutDownError();
        }
    }

    /// <summary>
    /// Queues <paramref name="d"/> to run on the loop after everything queued before it, waking the loop when it waits
    /// in its select. This is what an <c>await</c> calls to resume its method on the loop. Callbacks posted before the
    /// loop runs wait for it; those posted after the run are dropped and counted in <see cref="DroppedAfterShutdown"/>
    /// (throwing here would throw on whatever thread completed the awaited task, and on a thread-pool thread that ends
    /// the process).
    /// </summary>
    public override void Post(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Environment.CurrentManagedThreadId != LoopThreadId)
        {
            Interlocked.Increment(ref _postsFromOtherThreads);
        }
        if (!TryEnqueue(d, state))
        {
            Interlocked.Increment(ref _droppedAfterShutdown);
        }
    }

    /// <summary>
    /// Runs <paramref name="callback"/> on the loop once <paramref name="delay"/> has passed (asyncio's
    /// <c>call_later</c>): it goes on the loop's timer heap, and the turn after it is due moves it to the ready queue.
    /// Timers due at the same time run in the order they were set. There is no handle to cancel it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is negative.</exception>
    /// <exception cref="InvalidOperationException">Called from a thread other than the loop's, or after the run.</exception>
    public void CallLater(TimeSpan delay, Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        ThrowIfNotOnTheLoop(nameof(CallLater));
        var due = _time.GetTimestamp() + (long)Math.Ceiling(delay.TotalSeconds * _time.TimestampFrequency);
        _timers.Enqueue(new WorkItem(static state => ((Action)state!)(), callback, ExecutionContext.Capture()), (due, _timerOrder++));
    }

    /// <summary>
    /// A task that completes on the loop once <paramref name="delay"/> has passed (asyncio's <c>asyncio.sleep</c>): a
    /// timer on the loop's own heap, where <c>Task.Delay</c> uses the runtime's timer thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from a thread other than the loop's, or after the run.</exception>
    public Task Sleep(TimeSpan delay)
    {
        var slept = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        CallLater(delay, () => slept.TrySetResult());
        return slept.Task;
    }

    /// <summary>
    /// Calls <paramref name="callback"/> on the loop in every turn in which <paramref name="socket"/> can be read
    /// (data has arrived, a connection is waiting to be accepted, or the other end closed), until
    /// <see cref="RemoveReader(Socket)"/> (asyncio's <c>add_reader</c>). A second call for the same socket replaces the
    /// callback. Read in the callback: the read then does not block.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from a thread other than the loop's, or after the run.</exception>
    public void AddReader(Socket socket, Action callback)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(callback);
        ThrowIfNotOnTheLoop(nameof(AddReader));
        _readers[socket] = new Reader(socket, callback, ExecutionContext.Capture());
    }

    /// <summary>Stops watching <paramref name="socket"/> (asyncio's <c>remove_reader</c>); true when it was watched.</summary>
    /// <exception cref="InvalidOperationException">Called from a thread other than the loop's.</exception>
    public bool RemoveReader(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ThrowIfNotOnTheLoop(nameof(RemoveReader));
        return _readers.Remove(socket);
    }

    /// <summary>
    /// Waits on the loop until <paramref name="socket"/> can be read, then reads into <paramref name="buffer"/> and
    /// returns how many bytes came (0: the other end closed). asyncio's <c>loop.sock_recv</c>: a reader that removes
    /// itself after one read.
    /// </summary>
    /// <exception cref="InvalidOperationException">Called from a thread other than the loop's, or after the run.</exception>
    public Task<int> ReceiveAsync(Socket socket, byte[] buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var received = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        AddReader(socket, () =>
        {
            RemoveReader(socket);
            try
            {
                received.TrySetResult(socket.Receive(buffer));
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                received.TrySetException(e);
            }
        });
        return received.Task;
    }

    /// <summary>
    /// Runs <paramref name="d"/> at once when called on the loop's own thread (waiting for the loop would deadlock).
    /// From any other thread it throws: blocking a thread until the loop gets round to a callback is how sync-over-async
    /// deadlocks start, so post instead.
    /// </summary>
    /// <exception cref="NotSupportedException">Called from a thread other than the loop's.</exception>
    public override void Send(SendOrPostCallback d, object? state)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (Environment.CurrentManagedThreadId != LoopThreadId)
        {
            throw new NotSupportedException("EventLoop.Send runs a callback only on the loop's own thread; from another thread, use Post.");
        }
        d(state);
    }

    /// <summary>Returns this loop: code that copies the context must keep posting to the same thread.</summary>
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>The loop's thread, state and callback count, for example <c>event loop on thread 12: running, 7 callbacks run</c>.</summary>
    public override string ToString()
    {
        var state = Volatile.Read(ref _state) switch
        {
            NotStarted => "not started",
            Running => "running",
            _ => "shut down",
        };
        var count = CallbacksRun;
        var dropped = DroppedAfterShutdown;
        return $"event loop on thread {LoopThreadId}: {state}, {count} callback{(count == 1 ? "" : "s")} run" +
            (dropped == 0 ? "" : $", {dropped} dropped after shutdown (a coroutine was not awaited)");
    }

    private InvalidOperationException ShutDownError() => new(
        $"The event loop on thread {LoopThreadId} has shut down (its run is over), so nothing posted to it runs any more. Create a new EventLoop.");

    private void ThrowIfNotOnTheLoop(string method)
    {
        var state = Volatile.Read(ref _state);
        if (state == ShutDown)
        {
            throw ShutDownError();
        }
        if (state == Running && Environment.CurrentManagedThreadId != LoopThreadId)
        {
            throw new InvalidOperationException(
                $"EventLoop.{method} is for the loop's own thread (asyncio's is not thread-safe either): call it from a coroutine or " +
                "callback on the loop, or Post a callback that calls it.");
        }
    }

    private bool TryEnqueue(SendOrPostCallback d, object? state)
    {
        // The callback runs in the poster's execution context, as a thread-pool work item does, so AsyncLocal
        // values (a request id, the notebook engine's stop signal) flow from the code that posts to the callback.
        var item = new WorkItem(d, state, ExecutionContext.Capture());
        lock (_gate)
        {
            if (_state == ShutDown)
            {
                return false;
            }
            _ready.Enqueue(item);
        }
        if (Environment.CurrentManagedThreadId != LoopThreadId)
        {
            Wake(); // call_soon_threadsafe: the loop may be waiting in its select
        }
        return true;
    }

    /// <summary>Wakes the loop's select by sending a byte to its wake-up socket (asyncio's self-pipe); once per turn.</summary>
    private void Wake()
    {
        if (_wakeSender is not { } sender || Interlocked.Exchange(ref _wakePending, 1) == 1)
        {
            return;
        }
        try
        {
            sender.Send([1]);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The loop has ended and closed its sockets.
        }
    }

    /// <summary>Starts the run; the task completes with main's (completed) task after the loop thread has ended.</summary>
    private Task<Task> Start(Func<Task> main, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(main);
        if (Interlocked.CompareExchange(ref _state, Running, NotStarted) != NotStarted)
        {
            throw new InvalidOperationException("This event loop has already run; a loop runs once, so create a new EventLoop.");
        }
        if (cancellationToken.IsCancellationRequested)
        {
            Stop();
            _outcome.TrySetCanceled(cancellationToken);
            return _outcome.Task;
        }
        // The wake-up pair: a UDP socket the loop selects on, and one connected to it that other threads send to.
        _wakeReceiver = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        _wakeReceiver.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sender = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sender.Connect(_wakeReceiver.LocalEndPoint!);
        _wakeSender = sender;
        if (_time != TimeProvider.System)
        {
            // A fake clock does not move with real time, so the select cannot time out for it: the clock's own timer wakes it.
            _fakeClockWake = _time.CreateTimer(static loop => ((EventLoop)loop!).Wake(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        TryEnqueue(_ => CallMain(main), null);
        // Cancellation does not wait for the thread: it may be stuck in a callback that never returns.
        _cancellation = cancellationToken.Register(() =>
        {
            Stop();
            _outcome.TrySetCanceled(cancellationToken);
        });
        _thread.Start();
        return _outcome.Task;
    }

    /// <summary>The first callback: calls main on the loop thread and stops the loop when its task completes.</summary>
    private void CallMain(Func<Task> main)
    {
        var task = main() ?? throw new InvalidOperationException("main returned null instead of a Task.");
        task.ContinueWith(completed =>
        {
            _main = completed;
            Stop();
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>The loop thread: turns until the loop stops.</summary>
    private void Pump()
    {
        SetSynchronizationContext(this);
        try
        {
            while (!IsShutDown)
            {
                RunOnce();
            }
        }
        catch (Exception e)
        {
            _failure = ExceptionDispatchInfo.Capture(e);
            Stop();
        }
        finally
        {
            SetSynchronizationContext(null);
            _fakeClockWake?.Dispose();
            _wakeSender?.Dispose();
            _wakeReceiver?.Dispose();
            // Report the outcome from another thread once this one has ended, so that Run returns after it.
            ThreadPool.UnsafeQueueUserWorkItem(static loop => loop.ReportOutcome(), this, preferLocal: false);
        }
    }

    /// <summary>One turn, as asyncio's <c>_run_once</c>: wait, queue readers and due timers, run what is ready.</summary>
    private void RunOnce()
    {
        // 1. How long to wait: not at all when callbacks are ready; else until the next timer; else until woken.
        int readyCount;
        lock (_gate)
        {
            readyCount = _ready.Count;
        }
        var waitMicroseconds = -1;
        if (readyCount > 0)
        {
            waitMicroseconds = 0;
        }
        else if (_timers.TryPeek(out _, out var next))
        {
            var remaining = Math.Max(0, next.Due - _time.GetTimestamp());
            if (_fakeClockWake is { } wake)
            {
                if (remaining == 0)
                {
                    waitMicroseconds = 0;
                }
                else if (next.Due != _fakeClockWakeDue)
                {
                    _fakeClockWakeDue = next.Due;
                    wake.Change(TimeSpan.FromSeconds((double)remaining / _time.TimestampFrequency), Timeout.InfiniteTimeSpan);
                }
            }
            else
            {
                // In whole milliseconds, rounded up: Select waits in poll or select, which round a shorter wait down to zero,
                // and the loop would then spin until the timer is due.
                var milliseconds = Math.Ceiling(remaining * 1_000.0 / _time.TimestampFrequency);
                waitMicroseconds = (int)Math.Min(int.MaxValue / 1_000, milliseconds) * 1_000;
            }
        }

        // 2. Wait in select for the readers' sockets and the wake-up socket. (asyncio polls with select(0) even when
        // callbacks are ready; this loop skips that system call when no socket is watched and no wake-up is pending.)
        _selectList.Clear();
        if (waitMicroseconds != 0 || _readers.Count > 0 || Volatile.Read(ref _wakePending) == 1)
        {
            _selectList.Add(_wakeReceiver!);
            _selectList.AddRange(_readers.Keys);
            try
            {
                Socket.Select(_selectList, null, null, waitMicroseconds);
            }
            catch (ObjectDisposedException e)
            {
                throw new InvalidOperationException("A socket watched with AddReader was closed: call RemoveReader before closing it.", e);
            }
        }
        Turns++;
        if (IsShutDown)
        {
            return;
        }

        // 3. Readable sockets: drain the wake-up socket, queue the readers' callbacks.
        var ready = _dueNow;
        ready.Clear();
        foreach (var socket in _selectList)
        {
            if (socket == _wakeReceiver)
            {
                var drain = new byte[16];
                while (socket.Available > 0)
                {
                    socket.Receive(drain);
                }
                Volatile.Write(ref _wakePending, 0); // after draining: a wake sent from now on stays in the socket
            }
            else if (_readers.TryGetValue(socket, out var reader))
            {
                ready.Add(new WorkItem(static state => ((Reader)state!).RunIfStillWatched(), reader, null));
            }
        }

        // 4. Timers that are due move to the ready queue, earliest first.
        var now = _time.GetTimestamp();
        while (_timers.TryPeek(out var timer, out var when) && when.Due <= now)
        {
            _timers.Dequeue();
            ready.Add(timer);
        }

        // 5. Run the callbacks ready now; those they queue wait for the next turn.
        int count;
        lock (_gate)
        {
            foreach (var item in ready)
            {
                _ready.Enqueue(item);
            }
            count = _ready.Count;
        }
        for (var i = 0; i < count && !IsShutDown; i++)
        {
            WorkItem? item;
            lock (_gate)
            {
                if (!_ready.TryDequeue(out item))
                {
                    break; // the loop was stopped from another thread, which cleared the queue
                }
            }
            try
            {
                item.Run();
            }
            finally
            {
                Interlocked.Increment(ref _callbacksRun);
            }
        }
    }

    private void ReportOutcome()
    {
        _thread.Join();
        _cancellation.Dispose();
        if (_failure is { } failure)
        {
            _outcome.TrySetException(failure.SourceException);
        }
        else if (_main is { } main)
        {
            _outcome.TrySetResult(main);
        }
        else
        {
            _outcome.TrySetCanceled();
        }
    }

    /// <summary>A callback, its state, and the execution context of the code that queued it.</summary>
    private sealed record WorkItem(SendOrPostCallback Callback, object? State, ExecutionContext? Context)
    {
        public void Run()
        {
            if (Context is null)
            {
                Callback(State);
            }
            else
            {
                ExecutionContext.Run(Context, static item => ((WorkItem)item!).Callback(((WorkItem)item!).State), this);
            }
        }
    }

    /// <summary>A socket's reader: runs only if it is still the socket's reader when its turn comes.</summary>
    private sealed class Reader(Socket socket, Action callback, ExecutionContext? context)
    {
        public void RunIfStillWatched()
        {
            var loop = Current!;
            if (!loop._readers.TryGetValue(socket, out var registered) || registered != this)
            {
                return; // removed or replaced by an earlier callback in this turn
            }
            if (context is null)
            {
                callback();
            }
            else
            {
                ExecutionContext.Run(context, static action => ((Action)action!)(), callback);
            }
        }
    }

    /// <summary>Stops the loop: it runs nothing more, and posting throws.</summary>
    private void Stop()
    {
        lock (_gate)
        {
            _state = ShutDown;
            _ready.Clear();
        }
        Wake();
    }
}
