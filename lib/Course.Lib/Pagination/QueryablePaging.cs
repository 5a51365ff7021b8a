using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Course.Pagination;

/// <summary>Offset and keyset pagination as <see cref="IQueryable{T}"/> extensions that EF Core translates to SQL.</summary>
public static class QueryablePaging
{
    /// <summary>
    /// The rows of <paramref name="window"/> (<c>OFFSET … LIMIT …</c>) of an ordered query. Fetches <c>Limit + 1</c> rows:
    /// the extra one, if it comes back, says a next page exists; counts the whole query only when <paramref name="includeTotal"/>.
    /// </summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <param name="query">The query, ordered by the caller (without an order, SQL promises no order, so pages could overlap).</param>
    /// <param name="window">The validated window (<see cref="PageRules"/>); its limit is 1 to <c>int.MaxValue − 1</c>.</param>
    /// <param name="includeTotal">Also run <c>COUNT(*)</c> and fill <see cref="OffsetPage{T}.Total"/>.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A negative offset, or a limit outside 1 to <c>int.MaxValue − 1</c>.</exception>
    public static Task<OffsetPage<T>> ToOffsetPageAsync<T>(this IOrderedQueryable<T> query, PageWindow window,
        bool includeTotal = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(window.Offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(window.Limit, 1);
        // Limit + 1 must not overflow: Take(int.MinValue) would become SQLite's LIMIT -2147483648, which means "no limit".
        ArgumentOutOfRangeException.ThrowIfEqual(window.Limit, int.MaxValue);
        return Fetch();

        async Task<OffsetPage<T>> Fetch()
        {
            var rows = await query.Skip(window.Offset).Take(window.Limit + 1).ToListAsync(cancellationToken).ConfigureAwait(false);
            int? total = includeTotal ? await query.CountAsync(cancellationToken).ConfigureAwait(false) : null;
            var hasNext = rows.Count > window.Limit;
            if (hasNext)
            {
                rows.RemoveAt(rows.Count - 1);
            }
            return new OffsetPage<T>(rows, window.Offset, window.Limit, total) { HasNext = hasNext };
        }
    }

    /// <summary>The tag (an SQL comment, EF Core's <c>TagWith</c>) on every query <c>ToKeysetPageAsync</c> sends.</summary>
    public const string KeysetQueryTag = "Course.Pagination keyset page";

    /// <summary>
    /// A keyset page: orders by (<paramref name="key"/>, <paramref name="id"/>) ascending and starts after (or, for
    /// <see cref="PageDirection.Previous"/>, ends before) <paramref name="from"/>; <see langword="null"/> is the first page
    /// (or, walking <see cref="PageDirection.Previous"/>, the last). The condition is an expression EF Core translates:
    /// <c>key &gt;= k AND (key &gt; k OR id &gt; i)</c> — the same rows as <c>key &gt; k OR (key = k AND id &gt; i)</c>, written
    /// with a plain range on the key so that any planner can SEARCH the (key, id) index (SQLite manages the OR form too);
    /// string keys compare with <c>string.Compare</c>, which EF Core translates to <c>&gt;</c>, <c>&lt;=</c>…
    /// Fetches <paramref name="limit"/> + 1 rows to know whether more exist in the walking direction.
    /// </summary>
    /// <typeparam name="T">The row type.</typeparam>
    /// <typeparam name="TKey">The sort key's type (numbers, <see cref="string"/>, dates…: anything the provider compares).</typeparam>
    /// <param name="query">The query (filters are fine; its order is replaced).</param>
    /// <param name="key">The sort key, such as <c>p =&gt; p.CreatedAt</c>.</param>
    /// <param name="id">The unique tie-breaker, such as <c>p =&gt; p.Id</c>.</param>
    /// <param name="from">The boundary row, from a decoded cursor; <see langword="null"/> for an end of the list.</param>
    /// <param name="direction">Which way to walk from <paramref name="from"/>.</param>
    /// <param name="limit">The page size (1 to <c>int.MaxValue − 1</c>; validate it with <see cref="PageRules.TryGetLimit"/>).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>
    /// The page, its items in ascending (key, id) order. An empty page (the rows beyond a valid cursor were deleted
    /// meanwhile, or the list is empty) has neither <see cref="KeysetPage{T}.HasNext"/> nor <see cref="KeysetPage{T}.HasPrevious"/>:
    /// links are built from its first and last items, and it has none.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is outside 1 to <c>int.MaxValue − 1</c>.</exception>
    public static Task<KeysetPage<T>> ToKeysetPageAsync<T, TKey>(this IQueryable<T> query,
        Expression<Func<T, TKey>> key, Expression<Func<T, long>> id, KeysetPosition<TKey>? from, PageDirection direction,
        int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfEqual(limit, int.MaxValue);
        var forward = direction == PageDirection.Next;
        if (from is { } position)
        {
            query = query.Where(KeysetPredicate.After(key, id, position, forward));
        }
        var ordered = forward
            ? query.OrderBy(key).ThenBy(id)
            : query.OrderByDescending(key).ThenByDescending(id);
        return Fetch(ordered.TagWith(KeysetQueryTag).Take(limit + 1));

        async Task<KeysetPage<T>> Fetch(IQueryable<T> page)
        {
            var rows = await page.ToListAsync(cancellationToken).ConfigureAwait(false);
            var more = rows.Count > limit;
            if (more)
            {
                rows.RemoveAt(rows.Count - 1);
            }
            if (!forward)
            {
                rows.Reverse();
            }
            if (rows.Count == 0)
            {
                // Every row beyond a valid cursor was deleted (or none matched): no item to link from, so no neighbours.
                return new KeysetPage<T>(rows, HasNext: false, HasPrevious: false);
            }
            return forward
                ? new KeysetPage<T>(rows, HasNext: more, HasPrevious: from is not null)
                : new KeysetPage<T>(rows, HasNext: from is not null, HasPrevious: more);
        }
    }
}
