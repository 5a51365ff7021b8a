namespace Course.Concurrency;

/// <summary>
/// A stand-in for a database whose queries take time, with an async driver (<see cref="GetUserNameAsync"/>,
/// <see cref="CountOrdersAsync"/>: the query waits without holding a thread) and a blocking one
/// (<see cref="GetUserName"/>, <see cref="CountOrders"/>: the calling thread waits until the answer comes). It counts
/// the queries waiting for an answer, so a cell can see how many requests are "at the database" at once.
/// Thread-safe.
/// </summary>
/// <remarks>
/// Each query answers after <see cref="Latency"/>, measured with the <see cref="TimeProvider"/> given. With
/// <see cref="Timeout.InfiniteTimeSpan"/> as latency a query waits until <see cref="AnswerWaiting"/> answers it, which
/// lets a test decide exactly when the database answers.
/// </remarks>
/// <example>
/// <code>
/// var db = new SlowDatabase(TimeSpan.FromMilliseconds(200));
/// app.MapGet("/users/{id}", async (int id) => await db.GetUserNameAsync(id));   // holds no thread while waiting
/// app.MapGet("/blocking/{id}", (int id) => db.GetUserName(id));                 // holds a thread for 200 ms
/// </code>
/// </example>
public sealed class SlowDatabase
{
    private static readonly string[] s_names = ["Ada", "Grace", "Linus", "Barbara", "Dennis", "Margaret", "Ken"];

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<(TaskCompletionSource Query, bool IsName)> _waiting = [];
    private readonly List<(int Count, TaskCompletionSource Reached)> _watchers = [];
    private int _peak;
    private bool _answerAtOnce;
    private Action? _onQuery;
    private long _queries;

    /// <summary>Creates a database whose every query takes <paramref name="latency"/> (infinite: until <see cref="AnswerWaiting"/>).</summary>
    public SlowDatabase(TimeSpan latency, TimeProvider? timeProvider = null)
    {
        if (latency < TimeSpan.Zero && latency != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(latency), latency, "The latency must be zero or more, or Timeout.InfiniteTimeSpan.");
        }
        Latency = latency;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>How long a query takes; <see cref="Timeout.InfiniteTimeSpan"/> when queries wait for <see cref="AnswerWaiting"/>.</summary>
    public TimeSpan Latency { get; }

    /// <summary>Queries waiting for their answer now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>The most queries that waited at the same time.</summary>
    public int PeakWaiting => Volatile.Read(ref _peak);

    /// <summary>How many queries were made in all.</summary>
    public long Queries => Interlocked.Read(ref _queries);

    /// <summary>The name of user <paramref name="id"/> (Ada, Grace, Linus, …), after the database's latency, without holding a thread.</summary>
    public async Task<string> GetUserNameAsync(int id, CancellationToken cancellationToken = default)
    {
        await QueryAsync(isName: true, cancellationToken).ConfigureAwait(false);
        return NameOf(id);
    }

    /// <summary>How many orders user <paramref name="id"/> has, after the database's latency, without holding a thread.</summary>
    public async Task<int> CountOrdersAsync(int id, CancellationToken cancellationToken = default)
    {
        await QueryAsync(isName: false, cancellationToken).ConfigureAwait(false);
        return OrdersOf(id);
    }

    /// <summary>The blocking driver: the name of user <paramref name="id"/>; the calling thread waits for the answer.</summary>
    public string GetUserName(int id)
    {
        QueryAsync(isName: true, CancellationToken.None).GetAwaiter().GetResult();
        return NameOf(id);
    }

    /// <summary>The blocking driver: how many orders user <paramref name="id"/> has; the calling thread waits for the answer.</summary>
    public int CountOrders(int id)
    {
        QueryAsync(isName: false, CancellationToken.None).GetAwaiter().GetResult();
        return OrdersOf(id);
    }

    /// <summary>Answers every query waiting now and returns how many it answered.</summary>
    public int AnswerWaiting() => Answer(_ => true);

    /// <summary>
    /// Answers the name queries waiting now (<see cref="GetUserNameAsync"/>, <see cref="GetUserName"/>) and leaves the
    /// order counts waiting: how a check makes the count the slower query. Returns how many it answered.
    /// </summary>
    internal int AnswerWaitingNames() => Answer(q => q.IsName);

    /// <summary>
    /// Answers the order-count queries waiting now (<see cref="CountOrdersAsync"/>, <see cref="CountOrders"/>) and leaves
    /// the names waiting: how a check makes the name the slower query. Returns how many it answered.
    /// </summary>
    internal int AnswerWaitingCounts() => Answer(q => !q.IsName);

    /// <summary>Name queries waiting for their answer now.</summary>
    internal int WaitingNames
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count(q => q.IsName);
            }
        }
    }

    /// <summary>Completes when at least <paramref name="count"/> queries wait at the same time (at once if they already do).</summary>
    public Task WhenWaitingAsync(int count, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_gate)
        {
            if (_waiting.Count >= count)
            {
                return Task.CompletedTask;
            }
            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _watchers.Add((count, reached));
            return reached.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The name the database stores for user <paramref name="id"/>.</summary>
    internal static string NameOf(int id) => s_names[(int)((uint)id % (uint)s_names.Length)];

    /// <summary>The number of orders the database stores for user <paramref name="id"/>.</summary>
    internal static int OrdersOf(int id) => (int)((uint)id * 3 % 10);

    /// <summary>
    /// Answers every query waiting now and, from now on, every query at once: how a check lets go of the threads a
    /// blocking answer holds (an answer that needs the thread pool to free it would wait for the pool to grow).
    /// </summary>
    internal void AnswerEverythingFromNowOn()
    {
        Volatile.Write(ref _answerAtOnce, true);
        AnswerWaiting();
    }

    /// <summary>
    /// When true, answering a query runs the code waiting for it at once, on the thread that answers (its
    /// <see cref="TaskCompletionSource"/> is made without <see cref="TaskCreationOptions.RunContinuationsAsynchronously"/>):
    /// a check that answers on an event loop's thread then resumes every caller on that thread, whether it awaited with
    /// <c>ConfigureAwait(false)</c> or not. False by default: callers resume on the thread pool.
    /// </summary>
    internal bool ResumeCallersOnAnsweringThread { get; init; }

    /// <summary>Called at the start of every query, on the thread that makes it (for checks that look at threads).</summary>
    internal Action? OnQuery
    {
        get => Volatile.Read(ref _onQuery);
        set => Volatile.Write(ref _onQuery, value);
    }

    /// <inheritdoc/>
    public override string ToString() => $"slow database: {Waiting} queries waiting now, peak {PeakWaiting}, {Queries} in all";

    private int Answer(Predicate<(TaskCompletionSource Query, bool IsName)> which)
    {
        TaskCompletionSource[] answered;
        lock (_gate)
        {
            answered = [.. _waiting.Where(q => which(q)).Select(q => q.Query)];
            _waiting.RemoveAll(which);
        }
        foreach (var query in answered)
        {
            query.TrySetResult();
        }
        return answered.Length;
    }

    private async Task QueryAsync(bool isName, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        OnQuery?.Invoke();
        Interlocked.Increment(ref _queries);
        if (Volatile.Read(ref _answerAtOnce))
        {
            return;
        }
        var query = new TaskCompletionSource(ResumeCallersOnAnsweringThread ? TaskCreationOptions.None : TaskCreationOptions.RunContinuationsAsynchronously);
        List<TaskCompletionSource> reached = [];
        lock (_gate)
        {
            _waiting.Add((query, isName));
            if (_waiting.Count > _peak)
            {
                Volatile.Write(ref _peak, _waiting.Count);
            }
            for (var i = _watchers.Count - 1; i >= 0; i--)
            {
                if (_waiting.Count >= _watchers[i].Count)
                {
                    reached.Add(_watchers[i].Reached);
                    _watchers.RemoveAt(i);
                }
            }
        }
        foreach (var watcher in reached)
        {
            watcher.TrySetResult();
        }
        try
        {
            if (Latency == Timeout.InfiniteTimeSpan)
            {
                await (cancellationToken.CanBeCanceled ? query.Task.WaitAsync(cancellationToken) : query.Task).ConfigureAwait(false);
            }
            else
            {
                await Task.Delay(Latency, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            lock (_gate)
            {
                _waiting.RemoveAll(q => q.Query == query);
            }
        }
    }
}
