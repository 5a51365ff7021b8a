namespace Course.DependencyInjection;

/// <summary>Exercise 06.4: the app-wide record of orders (a singleton) that each <see cref="OrderStore"/> reads.</summary>
public sealed class OrderBook
{
    private int _storesCreated;
    private int _storesDisposed;

    /// <summary>How many orders are open.</summary>
    public int OpenOrders { get; set; }

    /// <summary>How many <see cref="OrderStore"/>s were created so far.</summary>
    public int StoresCreated => Volatile.Read(ref _storesCreated);

    /// <summary>How many <see cref="OrderStore"/>s were disposed so far.</summary>
    public int StoresDisposed => Volatile.Read(ref _storesDisposed);

    internal void StoreCreated() => Interlocked.Increment(ref _storesCreated);

    internal void StoreDisposed() => Interlocked.Increment(ref _storesDisposed);
}

/// <summary>
/// Exercise 06.4: a unit of work over the orders, like a <c>DbContext</c> — registered as scoped, disposed when its
/// scope ends, and unusable after that.
/// </summary>
public sealed class OrderStore : IAsyncDisposable
{
    private readonly OrderBook _book;
    private bool _disposed;

    /// <summary>Opens a store over <paramref name="book"/>.</summary>
    public OrderStore(OrderBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        _book = book;
        book.StoreCreated();
    }

    /// <summary>How many orders are open.</summary>
    /// <exception cref="ObjectDisposedException">The store was disposed.</exception>
    public Task<int> CountOpenAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_book.OpenOrders);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            _book.StoreDisposed();
        }
        return ValueTask.CompletedTask;
    }
}
