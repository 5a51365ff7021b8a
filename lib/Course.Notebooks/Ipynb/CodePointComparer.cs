namespace Course.Notebooks.Ipynb;

/// <summary>
/// Orders strings by Unicode code point, as Python's <c>sorted</c> (and so nbformat's <c>sort_keys=True</c>) does.
/// Plain ordinal comparison orders UTF-16 code units, which differs for characters beyond U+FFFF.
/// </summary>
internal sealed class CodePointComparer : IComparer<string>
{
    /// <summary>The single instance.</summary>
    public static CodePointComparer Instance { get; } = new();

    private CodePointComparer()
    {
    }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }
        if (x is null)
        {
            return -1;
        }
        if (y is null)
        {
            return 1;
        }
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            var a = x[i];
            var b = y[i];
            if (a == b)
            {
                continue;
            }
            // A surrogate (U+D800-DFFF) stands for a code point above U+FFFF, so it sorts after every other unit.
            var aSurrogate = char.IsSurrogate(a);
            var bSurrogate = char.IsSurrogate(b);
            if (aSurrogate != bSurrogate)
            {
                return aSurrogate ? 1 : -1;
            }
            return a.CompareTo(b);
        }
        return x.Length.CompareTo(y.Length);
    }
}
