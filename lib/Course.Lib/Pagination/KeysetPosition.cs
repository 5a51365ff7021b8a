namespace Course.Pagination;

/// <summary>
/// Where a keyset page starts: the sort key and the unique tie-breaker (the id) of the row the page
/// starts after (walking <see cref="PageDirection.Next"/>) or before (walking <see cref="PageDirection.Previous"/>).
/// </summary>
/// <typeparam name="TKey">The sort key's type.</typeparam>
/// <param name="Key">The sort key of the boundary row.</param>
/// <param name="Id">The id of the boundary row: it breaks ties between rows with the same key.</param>
public readonly record struct KeysetPosition<TKey>(TKey Key, long Id);

/// <summary>Which way a keyset page walks from its position.</summary>
public enum PageDirection
{
    /// <summary>The rows after the position, in (key, id) order.</summary>
    Next,

    /// <summary>The rows before the position (returned in (key, id) order).</summary>
    Previous,
}
