namespace Course.Pagination;

/// <summary>
/// <c>?limit=20&amp;offset=40</c>, bindable with <c>[AsParameters]</c> (query names bind case-insensitively).
/// A missing value is <see langword="null"/>; <see cref="PageRules"/> applies the defaults and the checks.
/// </summary>
/// <param name="Limit">How many rows the page holds.</param>
/// <param name="Offset">How many rows come before the page.</param>
public sealed record OffsetQuery(int? Limit, int? Offset);

/// <summary><c>?page=2&amp;size=25</c>, bindable with <c>[AsParameters]</c>; pages are numbered from 1.</summary>
/// <param name="Page">The page number, from 1.</param>
/// <param name="Size">How many rows a page holds.</param>
public sealed record PageQuery(int? Page, int? Size);

/// <summary><c>?cursor=…&amp;limit=20</c>, bindable with <c>[AsParameters]</c>; no cursor means the first page.</summary>
/// <param name="Cursor">The opaque cursor a previous page handed out (see <see cref="CursorCodec"/>).</param>
/// <param name="Limit">How many rows the page holds.</param>
public sealed record CursorQuery(string? Cursor, int? Limit);
