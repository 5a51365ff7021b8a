namespace Course.Pagination;

/// <summary>A row of the sample catalogue (<see cref="Catalog"/>).</summary>
public sealed class Product
{
    /// <summary>The unique id (SQLite's rowid): the tie-breaker of every keyset order.</summary>
    public long Id { get; set; }

    /// <summary>The product's name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The category, one of a handful (no index on it).</summary>
    public string Category { get; set; } = "";

    /// <summary>The price (no index on it).</summary>
    public double Price { get; set; }

    /// <summary>When the product was added, in Unix milliseconds. Several rows share a timestamp, on purpose: it is not unique.</summary>
    public long CreatedAt { get; set; }
}
