namespace Course.Pagination;

/// <summary>A validated SQL window: the rows <c>[Offset, Offset + Limit)</c> of an ordered query.</summary>
/// <param name="Offset">How many rows to skip (<c>OFFSET</c>).</param>
/// <param name="Limit">How many rows to take (<c>LIMIT</c>).</param>
/// <param name="Clamped">The requested size was above <see cref="PageLimits.MaxSize"/> and was lowered to it.</param>
public readonly record struct PageWindow(int Offset, int Limit, bool Clamped);
