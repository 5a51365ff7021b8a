namespace Course.Pagination;

/// <summary>One page of an offset (or page/size) query.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of the page, in the query's order.</param>
/// <param name="Offset">How many rows come before the page.</param>
/// <param name="Limit">The page size that was asked for.</param>
/// <param name="Total">How many rows the whole query has; <see langword="null"/> unless it was asked for (a <c>COUNT(*)</c> costs a query).</param>
public sealed record OffsetPage<T>(IReadOnlyList<T> Items, int Offset, int Limit, int? Total)
{
    /// <summary>
    /// Whether rows exist after this page. Computed from <see cref="Total"/> when it is known; otherwise
    /// set by whoever fetched the page (<see cref="QueryablePaging.ToOffsetPageAsync{T}"/> asks for
    /// <c>Limit + 1</c> rows and sets it when the extra row came back).
    /// </summary>
    public bool HasNext { get; init; } = Total is { } total && Offset + Items.Count < total;

    /// <summary>Whether rows exist before this page (the offset is above zero).</summary>
    public bool HasPrevious => Offset > 0;
}
