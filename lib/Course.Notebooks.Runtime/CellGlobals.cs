using System;
using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Course.Notebooks")]

namespace Course.Notebooks.Runtime;

/// <summary>
/// The members a notebook cell can call without qualification, as in the Polyglot Notebooks C#
/// kernel: only <c>display(value)</c>. The engine supplies the handler; cells never see it.
/// </summary>
public sealed class CellGlobals
{
    private readonly Action<object?, string[]> _display;

    internal CellGlobals(Action<object?, string[]> display) => _display = display;

    /// <summary>Shows <paramref name="value"/> in the cell's output now, before the cell ends.</summary>
    /// <param name="value">The value to show; rich types render as HTML and plain text.</param>
    /// <param name="mimeTypes">Optionally, the only MIME types to produce (for example <c>"text/plain"</c>).</param>
#pragma warning disable IDE1006 // lower-case on purpose: the Polyglot kernel's name.
    public void display(object? value, params string[] mimeTypes) => _display(value, mimeTypes);
#pragma warning restore IDE1006
}
