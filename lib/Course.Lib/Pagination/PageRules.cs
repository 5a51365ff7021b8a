namespace Course.Pagination;

/// <summary>
/// Turns what a client asked for into a <see cref="PageWindow"/>: defaults for missing values, errors for
/// impossible ones (keyed by the query parameter's name), and a clamp for sizes above the maximum.
/// The errors have the shape <c>Results.ValidationProblem</c> / <c>TypedResults.ValidationProblem</c> takes.
/// </summary>
public static class PageRules
{
    /// <summary>Validates <c>?limit=&amp;offset=</c>: a missing limit is the default size, a missing offset is 0.</summary>
    /// <param name="query">What the client sent.</param>
    /// <param name="limits">The default and maximum page size.</param>
    /// <param name="window">The rows to fetch, when valid.</param>
    /// <param name="errors">Empty when valid; otherwise messages keyed by <c>"limit"</c> and/or <c>"offset"</c>.</param>
    /// <returns>Whether the query is valid.</returns>
    public static bool TryGetWindow(OffsetQuery query, PageLimits limits, out PageWindow window, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        TryGetLimit(query.Limit, limits, out var size, out var clamped, out errors);
        var offset = query.Offset ?? 0;
        if (offset < 0)
        {
            errors["offset"] = ["offset must be 0 or more."];
        }
        window = errors.Count == 0 ? new PageWindow(offset, size, clamped) : default;
        return errors.Count == 0;
    }

    /// <summary>
    /// Validates <c>?page=&amp;size=</c> (pages numbered from 1): a missing page is 1, a missing size is the default;
    /// page <c>p</c> of size <c>s</c> is the window at offset <c>(p − 1)·s</c>.
    /// </summary>
    /// <param name="query">What the client sent.</param>
    /// <param name="limits">The default and maximum page size.</param>
    /// <param name="window">The rows to fetch, when valid.</param>
    /// <param name="errors">
    /// Empty when valid; otherwise messages keyed by <c>"page"</c> (below 1, or so large the offset overflows) and/or <c>"size"</c>.
    /// </param>
    /// <returns>Whether the query is valid.</returns>
    public static bool TryGetWindow(PageQuery query, PageLimits limits, out PageWindow window, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(limits);
        errors = [];
        var size = Size(query.Size, limits, "size", errors, out var clamped);
        var page = query.Page ?? 1;
        if (page < 1)
        {
            errors["page"] = ["page must be 1 or more."];
        }
        else if (errors.Count == 0 && (page - 1L) * size > int.MaxValue)
        {
            errors["page"] = [$"page is too large: page {page} of size {size} starts beyond row {int.MaxValue}."];
        }
        window = errors.Count == 0 ? new PageWindow((page - 1) * size, size, clamped) : default;
        return errors.Count == 0;
    }

    /// <summary>Validates a page size alone (the <c>?limit=</c> of a cursor query): missing → default, above the maximum → clamped.</summary>
    /// <param name="limit">What the client sent.</param>
    /// <param name="limits">The default and maximum page size.</param>
    /// <param name="size">The page size to use, when valid.</param>
    /// <param name="clamped">Whether the requested size was above the maximum and was lowered.</param>
    /// <param name="errors">Empty when valid; otherwise a message keyed by <c>"limit"</c>.</param>
    /// <returns>Whether the size is valid.</returns>
    public static bool TryGetLimit(int? limit, PageLimits limits, out int size, out bool clamped, out Dictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(limits);
        errors = [];
        size = Size(limit, limits, "limit", errors, out clamped);
        return errors.Count == 0;
    }

    private static int Size(int? requested, PageLimits limits, string name, Dictionary<string, string[]> errors, out bool clamped)
    {
        clamped = false;
        var size = requested ?? limits.DefaultSize;
        if (size < 1)
        {
            errors[name] = [$"{name} must be 1 or more."];
            return 0;
        }
        if (size > limits.MaxSize)
        {
            clamped = true;
            return limits.MaxSize;
        }
        return size;
    }
}
