namespace Course.DependencyInjection;

/// <summary>
/// Exercise 06.2: the visits database — the rows saved, and what every <see cref="VisitsDb"/> did. The check registers it
/// as a singleton (the database server outlives every context). Thread-safe.
/// </summary>
public sealed class VisitDatabase
{
    private readonly Lock _gate = new();
    private readonly List<string> _rows = [];
    private readonly List<VisitsDb> _contexts = [];
    private int _savesRunning;
    private int _disposedDuringSave;

    /// <summary>The pages saved so far, in order.</summary>
    public IReadOnlyList<string> Rows
    {
        get
        {
            lock (_gate)
            {
                return [.. _rows];
            }
        }
    }

    /// <summary>Every context created so far.</summary>
    public IReadOnlyList<VisitsDb> Contexts
    {
        get
        {
            lock (_gate)
            {
                return [.. _contexts];
            }
        }
    }

    /// <summary>How many contexts were disposed while one of their saves was still running.</summary>
    public int DisposedDuringSave => Volatile.Read(ref _disposedDuringSave);

    /// <summary>How many saves are running now.</summary>
    internal int SavesRunning => Volatile.Read(ref _savesRunning);

    /// <summary>When set, every save waits for it: the 06.2 check holds saves open so that concurrent visits overlap.</summary>
    internal Task? SaveGate { get; set; }

    internal void Opened(VisitsDb context)
    {
        lock (_gate)
        {
            _contexts.Add(context);
        }
    }

    internal void Saved(IEnumerable<string> rows)
    {
        lock (_gate)
        {
            _rows.AddRange(rows);
        }
    }

    internal void SaveStarted() => Interlocked.Increment(ref _savesRunning);

    internal void SaveFinished() => Interlocked.Decrement(ref _savesRunning);

    internal void ContextDisposedDuringSave() => Interlocked.Increment(ref _disposedDuringSave);
}

/// <summary>
/// Exercise 06.2: a unit of work over the visits table that behaves like an EF Core <c>DbContext</c>: registered scoped,
/// one operation at a time (a second one started while the first runs throws, with EF Core's message), unusable once
/// disposed.
/// </summary>
public sealed class VisitsDb : IDisposable, IAsyncDisposable
{
    private readonly VisitDatabase _database;
    private readonly List<string> _pending = [];
    private int _running;

    /// <summary>Opens a context over <paramref name="database"/>.</summary>
    public VisitsDb(VisitDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        database.Opened(this);
    }

    /// <summary>Whether the context was disposed.</summary>
    public bool IsDisposed { get; private set; }

    /// <summary>How many rows this context saved.</summary>
    public int SavedRows { get; private set; }

    /// <summary>Whether the container built this context (the 06.2 check registers a factory that sets it), not <c>new</c>.</summary>
    internal bool BuiltByContainer { get; set; }

    /// <summary>Adds a visit of <paramref name="page"/>, saved at <see cref="SaveChangesAsync"/>.</summary>
    public void Add(string page)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        lock (_pending)
        {
            _pending.Add(page);
        }
    }

    /// <summary>Saves the pending visits; returns how many.</summary>
    /// <exception cref="InvalidOperationException">Another operation is running on this context.</exception>
    /// <exception cref="ObjectDisposedException">The context was disposed (before or while the save ran).</exception>
    public async Task<int> SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (Interlocked.Increment(ref _running) > 1)
        {
            Interlocked.Decrement(ref _running);
            throw new InvalidOperationException("A second operation was started on this context instance before a previous operation completed. " +
                "This is usually caused by different threads concurrently using the same instance of DbContext.");
        }
        _database.SaveStarted();
        try
        {
            await Task.Yield();
            if (_database.SaveGate is { } gate)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            ObjectDisposedException.ThrowIf(IsDisposed, this);
            List<string> rows;
            lock (_pending)
            {
                rows = [.. _pending];
                _pending.Clear();
            }
            _database.Saved(rows);
            SavedRows += rows.Count;
            return rows.Count;
        }
        finally
        {
            _database.SaveFinished();
            Interlocked.Decrement(ref _running);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!IsDisposed)
        {
            IsDisposed = true;
            if (Volatile.Read(ref _running) > 0)
            {
                _database.ContextDisposedDuringSave();
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>Exercise 06.2: records a visit of a page — in the database, and in a count since the app started.</summary>
public interface IVisitRecorder
{
    /// <summary>How many visits were recorded since the app started.</summary>
    int VisitsSinceStart { get; }

    /// <summary>Saves a visit of <paramref name="page"/> and counts it.</summary>
    Task RecordAsync(string page, CancellationToken cancellationToken);
}
