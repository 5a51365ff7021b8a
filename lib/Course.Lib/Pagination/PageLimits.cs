namespace Course.Pagination;

/// <summary>The page-size rules every pagination style shares.</summary>
/// <param name="DefaultSize">The page size when the request names none.</param>
/// <param name="MaxSize">The largest page a client gets; a larger request is lowered to this (clamped), not refused.</param>
public sealed record PageLimits(int DefaultSize = 20, int MaxSize = 100);
