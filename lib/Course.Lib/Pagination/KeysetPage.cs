namespace Course.Pagination;

/// <summary>One page of a keyset (cursor) query.</summary>
/// <typeparam name="T">The row type.</typeparam>
/// <param name="Items">The rows of the page, in ascending (key, id) order whichever way the page walked.</param>
/// <param name="HasNext">Whether rows exist after the last item (false when there are no items).</param>
/// <param name="HasPrevious">Whether rows exist before the first item (false when there are no items).</param>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, bool HasNext, bool HasPrevious);
