namespace Course.DependencyInjection;

/// <summary>
/// Exercise 06.1: what the shop's services did — instances created and disposed, catalogue reads — recorded for the
/// check. The check registers it (a singleton); the shop's services take it in their constructors. Thread-safe.
/// </summary>
public sealed class ShopJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _created = [];
    private readonly Dictionary<string, int> _catalogueReads = [];
    private readonly HashSet<object> _disposed = new(ReferenceEqualityComparer.Instance);

    /// <summary>How many instances of the type named <paramref name="typeName"/> were created so far.</summary>
    public int CreatedCount(string typeName)
    {
        lock (_gate)
        {
            return _created.GetValueOrDefault(typeName);
        }
    }

    /// <summary>How many times the catalogue was read for <paramref name="product"/> (a cache miss each time).</summary>
    public int CatalogueReads(string product)
    {
        lock (_gate)
        {
            return _catalogueReads.GetValueOrDefault(product);
        }
    }

    /// <summary>Whether <paramref name="instance"/> was disposed.</summary>
    public bool WasDisposed(object instance)
    {
        lock (_gate)
        {
            return _disposed.Contains(instance);
        }
    }

    internal void Created(object instance)
    {
        lock (_gate)
        {
            var name = instance.GetType().Name;
            _created[name] = _created.GetValueOrDefault(name) + 1;
        }
    }

    internal void Disposed(object instance)
    {
        lock (_gate)
        {
            _disposed.Add(instance);
        }
    }

    /// <summary>The catalogue (the slow database behind the cache): the price of <paramref name="product"/>, counted as one read.</summary>
    internal decimal ReadCatalogue(string product)
    {
        lock (_gate)
        {
            _catalogueReads[product] = _catalogueReads.GetValueOrDefault(product) + 1;
        }
        return product.Length;
    }
}

/// <summary>Exercise 06.1: the shop's settings (currency), read from configuration once in the constructor — an expensive load.</summary>
public sealed class ShopSettings
{
    /// <summary>Loads the settings.</summary>
    public ShopSettings(ShopJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        journal.Created(this);
    }

    /// <summary>The currency prices are shown in.</summary>
    public string Currency => "EUR";
}

/// <summary>Exercise 06.1: formats a price in the shop's currency. Stateless: it keeps nothing between calls.</summary>
/// <param name="settings">The shop's settings.</param>
public sealed class PriceFormatter(ShopSettings settings)
{
    /// <summary>The price as text, for example <c>7.00 EUR</c>.</summary>
    public string Format(decimal price) => $"{price:0.00} {settings.Currency}";
}

/// <summary>
/// Exercise 06.1: remembers the prices read from the catalogue, so that each product is read once — for every request
/// of the app, not once per request. Thread-safe.
/// </summary>
public sealed class PriceCache
{
    private readonly ShopJournal _journal;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<decimal>> _prices = new();

    /// <summary>An empty cache over the catalogue.</summary>
    public PriceCache(ShopJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
        journal.Created(this);
    }

    /// <summary>The price of <paramref name="product"/>: from the cache, or read from the catalogue once.</summary>
    public decimal PriceOf(string product) =>
        _prices.GetOrAdd(product, p => new Lazy<decimal>(() => _journal.ReadCatalogue(p))).Value;
}

/// <summary>One line of an order.</summary>
/// <param name="Customer">Who ordered.</param>
/// <param name="Product">What.</param>
/// <param name="Price">At which price.</param>
public sealed record OrderLine(string Customer, string Product, decimal Price);

/// <summary>
/// Exercise 06.1: the unit of work of one request, like a <c>DbContext</c>: parts of the request add lines, and the end of
/// the request commits them all at once. It holds one request's data, and it must be disposed when the request ends.
/// Not thread-safe (like a <c>DbContext</c>), but it locks its list, so that a shared instance shows the mixed-up lines
/// instead of corrupting them.
/// </summary>
public sealed class OrderUnitOfWork : IDisposable
{
    private readonly ShopJournal _journal;
    private readonly List<OrderLine> _pending = [];

    /// <summary>A unit of work with nothing pending.</summary>
    public OrderUnitOfWork(ShopJournal journal)
    {
        ArgumentNullException.ThrowIfNull(journal);
        _journal = journal;
        journal.Created(this);
    }

    /// <summary>Adds a line, to be saved at <see cref="Commit"/>.</summary>
    public void Add(OrderLine line)
    {
        lock (_pending)
        {
            _pending.Add(line);
        }
    }

    /// <summary>Saves every pending line and returns them; nothing is pending afterwards.</summary>
    public IReadOnlyList<OrderLine> Commit()
    {
        lock (_pending)
        {
            var saved = _pending.ToList();
            _pending.Clear();
            return saved;
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _journal.Disposed(this);
}
