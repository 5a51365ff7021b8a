using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Course.Concurrency;

/// <summary>
/// A single-threaded event loop, like Python's asyncio loop: one thread that the loop owns runs the posted
/// callbacks one at a time, first in, first out. The loop is a <see cref="SynchronizationContext"/>, so inside
/// <see cref="Run(Func{Task}, CancellationToken)"/> every <c>await</c> posts the rest of its method back to the
/// loop: all the coroutines interleave on that one thread, and a coroutine that blocks (<c>Thread.Sleep</c>,
/// <c>.Result</c>) stops every other one until it returns.
/// </summary>
/// <remarks>
/// <para>A loop runs once: <c>Run</c> starts the thread, calls <c>main</c> on it, pumps callbacks until the task
/// <c>main</c> returned completes, then shuts the loop down (callbacks still queued are dropped) and returns
/// <c>main</c>'s result or throws its exception. Create a new loop for the next run.</para>
/// <para>An exception that escapes a posted callback ends the run: <c>Run</c> throws that exception (the original,
/// not wrapped). An exception inside a coroutine does not escape a callback — it goes into the coroutine's task,
/// and the coroutine that awaits the task sees it — but one thrown by an <c>async void</c> method does, so it
/// ends the run.</para>
/// <para>After the run, a coroutine that <c>main</c> started but did not await, and that was still awaiting when
/// <c>main</c> returned, has nowhere to resume: its resumption is dropped and counted in
/// <see cref="DroppedAfterShutdown"/> (asyncio warns "Task was destroyed but it is pending!"). Await every
/// coroutine you start (<c>Task.WhenAll</c>) before <c>main</c> returns. <see cref="Post(Action)"/> after the
/// run throws <see cref="InvalidOperationException"/>.</para>
/// </remarks>
/// <example>
/// <code>
/// async Task Coroutine(string name, int ms)
/// {
///     Console.WriteLine($"{name} start on thread {Environment.CurrentManagedThreadId}");
///     await Task.Delay(ms);
///     Console.WriteLine($"{name} end on thread {Environment.CurrentManagedThreadId}");
/// }
///
/// var loop = new EventLoop();
/// loop.Run(() => Task.WhenAll(Coroutine("task1", 200), Coroutine("task2", 100)));
/// loop   // event loop on thread 12: shut down, 3 callbacks run
/// </code>
/// </example>
public sealed class EventLoop : SynchronizationContext
{
    private const int NotStarted = 0, Running = 1, ShutDown = 2;

    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());
    private readonly Thread _thread;
    private readonly TaskCompletionSource<Task> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state = NotStarted;
    private long _callbacksRun;
    private long _droppedAfterShutdown;
    private long _postsFromOtherThreads;
    private volatile Task? _main;
    private volatile ExceptionDispatchInfo? _failure;
    private CancellationTokenRegistration _cancellation;

    /// <summary>Creates a loop; its thread starts when the loop runs.</summary>
    public EventLoop()
    {
        _thread = new Thread(Pump) { IsBackground = true, Name = "Course event loop" };
    }

    /// <summary>The loop that runs the code calling this, or null when that code does not run on an event loop.</summary>
    public static new EventLoop? Current => SynchronizationContext.Current as EventLoop;

    /// <summary>The managed thread id of the one thread the loop runs callbacks on (known before the loop starts).</summary>
    public int LoopThreadId => _thread.ManagedThreadId;

    /// <summary>
    /// How many posted callbacks the loop has run: the one that calls <c>main</c>, each resumption of a coroutine
    /// after an <c>await</c>, and each callback posted with <see cref="Post(Action)"/>.
    /// </summary>
    public long CallbacksRun => Interlocked.Read(ref _callbacksRun);

    /// <summary>
    /// How many resumptions arrived after the run was over and were dropped: coroutines that were started but not
    /// awaited, still awaiting something when <c>main</c> returned. They never finish.
    /// </summary>
    public long DroppedAfterShutdown => Interlocked.Read(ref _droppedAfterShutdown);

    /// <summary>
    /// How many resumptions were posted from a thread other than the loop's: an await of something that completed
    /// elsewhere (a timer, a thread-pool thread, I/O). An await of <c>Task.Yield()</c> posts from the loop's own thread.
    /// </summary>
    internal long PostsFromOtherThreads => Interlocked.Read(ref _postsFromOtherThreads);

    /// <summary>True once the run is over (or was cancelled): nothing posted runs any more.</summary>
    public bool IsShutDown => Volatile.Read(ref _state) == ShutDown;

    /// <summary>
    /// Runs <paramref name="main"/> on the loop's thread and pumps callbacks until the task it returns completes,
    /// then shuts the loop down; blocks the calling thread meanwhile. Throws what <paramref name="main"/> throws, or
    /// what a posted callback throws first.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled: the loop stops
    /// pumping and <c>Run</c> returns at once, even when a callback is still running (the loop thread ends when it returns).</exception>
    /// <exception cref="InvalidOperationException">This loop has already run.</exception>
    public void Run(Func<Task> main, CancellationToken cancellationToken = default) =>
        RunAsync(main, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="main"/> on the loop's thread as <see cref="Run(Func{Task}, CancellationToken)"/> does,
    /// and returns its result.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="InvalidOperationException">This loop has already run.</exception>
    public T Run<T>(Func<Task<T>> main, CancellationToken cancellationToken = default) =>
        RunAsync(main, cancellationToken).GetAwaiter().GetResult();

    /// <summary>
    /// Runs <paramref name="main"/> on the loop's thread as <see cref="Run(Func{Task}, CancellationToken)"/> does,
    /// without blocking the caller: the task completes after the loop thread has ended.
    /// </summary>
    public async Task RunAsync(Func<Task> main, CancellationToken cancellationToken = default)
    {
        var finished = await Start(main, cancellationToken).ConfigureAwait(false);
        await finished.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="main"/> on the loop's thread as <see cref="Run(Func{Task}, CancellationToken)"/> does,
    /// without blocking the caller, and returns its result.
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
            throw new InvalidOperationException(
                $"The event loop on thread {LoopThreadId} has shut down (its run is over), so nothing posted to it runs any more. Create a new EventLoop.");
        }
    }

    /// <summary>
    /// Queues <paramref name="d"/> to run on the loop after everything queued before it. This is what an <c>await</c>
    /// calls to resume its method on the loop. Callbacks posted before the loop runs wait for it; those posted after
    /// the run are dropped and counted in <see cref="DroppedAfterShutdown"/> (throwing here would throw on whatever
    /// thread completed the awaited task, and on a thread-pool thread that ends the process).
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

    private bool TryEnqueue(SendOrPostCallback d, object? state)
    {
        // The callback runs in the poster's execution context, as a thread-pool work item does, so AsyncLocal
        // values (a request id, the notebook engine's stop signal) flow from the code that posts to the callback.
        try
        {
            _queue.Add(new WorkItem(d, state, ExecutionContext.Capture()));
            return true;
        }
        catch (InvalidOperationException)
        {
            return false; // the loop has shut down (the queue takes no more)
        }
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

    /// <summary>The loop thread: runs callbacks one at a time until the loop stops.</summary>
    private void Pump()
    {
        SetSynchronizationContext(this);
        try
        {
            foreach (var item in _queue.GetConsumingEnumerable())
            {
                if (IsShutDown)
                {
                    break;
                }
                try
                {
                    item.Run();
                }
                catch (Exception e)
                {
                    _failure = ExceptionDispatchInfo.Capture(e);
                    Stop();
                }
                finally
                {
                    Interlocked.Increment(ref _callbacksRun);
                }
            }
        }
        finally
        {
            SetSynchronizationContext(null);
            // Report the outcome from another thread once this one has ended, so that Run returns after it.
            ThreadPool.UnsafeQueueUserWorkItem(static loop => loop.ReportOutcome(), this, preferLocal: false);
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

    /// <summary>A posted callback, its state, and the execution context of the code that posted it.</summary>
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

    /// <summary>Stops the loop: it runs nothing more, and posting throws.</summary>
    private void Stop()
    {
        Volatile.Write(ref _state, ShutDown);
        _queue.CompleteAdding();
    }
}
