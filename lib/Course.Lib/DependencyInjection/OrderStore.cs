namespace Course.DependencyInjection;

/// <summary>Exercise 06.4: the app-wide record of orders (a singleton) that each <see cref="OrderStore"/> reads.</summary>
public sealed class OrderBook
{
    private int _storesCreated;
    private int _storesDisposed;
    private int _storesFromScopes;
    private int _scopesOpened;
    private int _scopesClosed;
    private int _disposedDuringQuery;
    private int _queriesRunning;

    /// <summary>How many orders are open.</summary>
    public int OpenOrders { get; set; }

    /// <summary>How many <see cref="OrderStore"/>s were created so far.</summary>
    public int StoresCreated => Volatile.Read(ref _storesCreated);

    /// <summary>How many <see cref="OrderStore"/>s were disposed so far.</summary>
    public int StoresDisposed => Volatile.Read(ref _storesDisposed);

    /// <summary>How many stores a DI scope built (the 06.4 check registers the store with a factory that counts them).</summary>
    internal int StoresFromScopes => Volatile.Read(ref _storesFromScopes);

    /// <summary>How many DI scopes built a store (the 06.4 check's scoped probe counts them).</summary>
    internal int ScopesOpened => Volatile.Read(ref _scopesOpened);

    /// <summary>How many of those scopes were disposed.</summary>
    internal int ScopesClosed => Volatile.Read(ref _scopesClosed);

    /// <summary>How many stores were disposed while a <see cref="OrderStore.CountOpenAsync"/> was still running.</summary>
    internal int DisposedDuringQuery => Volatile.Read(ref _disposedDuringQuery);

    /// <summary>How many counts are running now (started, not finished).</summary>
    internal int QueriesRunning => Volatile.Read(ref _queriesRunning);

    /// <summary>When set, every count waits for it: the 06.4 check holds queries open until the answer has returned its task.</summary>
    internal Task? QueryGate { get; set; }

    internal void StoreCreated() => Interlocked.Increment(ref _storesCreated);

    internal void StoreDisposed() => Interlocked.Increment(ref _storesDisposed);

    internal void StoreFromScope() => Interlocked.Increment(ref _storesFromScopes);

    internal void ScopeOpened() => Interlocked.Increment(ref _scopesOpened);

    internal void ScopeClosed() => Interlocked.Increment(ref _scopesClosed);

    internal void StoreDisposedDuringQuery() => Interlocked.Increment(ref _disposedDuringQuery);

    internal void QueryStarted() => Interlocked.Increment(ref _queriesRunning);

    internal void QueryFinished() => Interlocked.Decrement(ref _queriesRunning);
}

/// <summary>
/// Exercise 06.4: a unit of work over the orders, like a <c>DbContext</c> — registered as scoped, disposed when its
/// scope ends, and unusable after that (also while a query is still running, as a real connection would be).
/// </summary>
public sealed class OrderStore : IAsyncDisposable
{
    private readonly OrderBook _book;
    private bool _disposed;
    private int _running;

    /// <summary>Opens a store over <paramref name="book"/>.</summary>
    public OrderStore(OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
        book.StoreCreated();
    }

    /// <summary>How many orders are open.</summary>
    /// <exception cref="ObjectDisposedException">The store was disposed (before or while the query ran).</exception>
    public async Task<int> CountOpenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Interlocked.Increment(ref _running);
        _book.QueryStarted();
        try
        {
            if (_book.QueryGate is { } gate)
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _book.OpenOrders;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _book.QueryFinished();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            if (Volatile.Read(ref _running) > 0)
            {
                _book.StoreDisposedDuringQuery();
            }
            _book.StoreDisposed();
        }
        return ValueTask.CompletedTask;
    }
}
