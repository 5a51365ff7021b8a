namespace Course.Middleware;

/// <summary>What a <see cref="TraceEntry"/> records: a layer entered, a layer left, or a note from inside a layer.</summary>
public enum TraceEntryKind
{
    /// <summary>The request reached the layer (before it calls the next one).</summary>
    Enter,

    /// <summary>The layer is done: the response is on its way back out.</summary>
    Leave,

    /// <summary>Something happened inside the current layer (an endpoint ran, a filter decided…).</summary>
    Note,
}

/// <summary>One line of a <see cref="MiddlewareTrace"/>.</summary>
/// <param name="Number">1-based position in the trace.</param>
/// <param name="Depth">How many layers surround this line (0 = outermost).</param>
/// <param name="Kind">Enter, leave or note.</param>
/// <param name="Layer">The layer's name, as given to <see cref="MiddlewareTrace.Step(string)"/>.</param>
/// <param name="Detail">For a leave: the status code or the exception; for a note: its text.</param>
public sealed record TraceEntry(int Number, int Depth, TraceEntryKind Kind, string Layer, string Detail)
{
    /// <summary>The line as the text view shows it, indented by depth: <c>→ auth</c>, <c>← auth 200</c>, <c>· endpoint: ran</c>.</summary>
    public override string ToString()
    {
        var indent = new string(' ', Depth * 2);
        return Kind switch
        {
            TraceEntryKind.Enter => $"{indent}→ {Layer}",
            TraceEntryKind.Leave => $"{indent}← {Layer}{(Detail.Length == 0 ? "" : " " + Detail)}",
            _ => $"{indent}· {Layer}: {Detail}",
        };
    }
}
