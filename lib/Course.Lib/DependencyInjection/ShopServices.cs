namespace Course.DependencyInjection;

/// <summary>Exercise 06.1: the price list, loaded once; every request reads the same one.</summary>
public sealed class PriceList
{
    /// <summary>The price of <paramref name="product"/> in euros.</summary>
    public decimal PriceOf(string product) => product.Length;
}

/// <summary>Exercise 06.1: the shopping basket of one request; every part of the request must see the same one.</summary>
/// <param name="prices">The price list the basket reads.</param>
public sealed class Basket(PriceList prices)
{
    private readonly List<string> _products = [];

    /// <summary>Adds <paramref name="product"/>.</summary>
    public void Add(string product) => _products.Add(product);

    /// <summary>The total of the products added so far.</summary>
    public decimal Total => _products.Sum(prices.PriceOf);

    /// <summary>The price list this basket was given (exercise 06.1's check compares it with the app's).</summary>
    internal PriceList Prices => prices;
}

/// <summary>Exercise 06.1: a receipt number; whoever asks for one must get a fresh one.</summary>
public sealed class ReceiptStamp
{
    /// <summary>This stamp's number (from a process-wide counter).</summary>
    public int Number { get; } = Interlocked.Increment(ref s_last);

    private static int s_last;
}
