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
    private readonly Action<object?, string[], string, bool> _display;

    /// <param name="display">Shows a value: (value, MIME types, display id, true when it replaces the display with that id).</param>
    internal CellGlobals(Action<object?, string[], string, bool> display) => _display = display;

    /// <summary>Shows <paramref name="value"/> in the cell's output now, before the cell ends.</summary>
    /// <param name="value">The value to show; rich types render as HTML and plain text.</param>
    /// <param name="mimeTypes">Optionally, the only MIME types to produce (for example <c>"text/plain"</c>).</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces this output in place.</returns>
#pragma warning disable IDE1006 // lower-case on purpose: the Polyglot kernel's name.
    public DisplayedValue display(object? value, params string[] mimeTypes)
#pragma warning restore IDE1006
    {
        var id = Guid.NewGuid().ToString("N");
        _display(value, mimeTypes, id, false);
        return new DisplayedValue(id, updated => _display(updated, mimeTypes, id, true));
    }
}

/// <summary>
/// A value shown by <c>display(x)</c>, which the cell can replace as its work goes on (a progress line, a growing
/// table): the same shape as the Polyglot kernel's <c>DisplayedValue</c>, so notebooks stay portable. Jupyter
/// front ends replace the output in place; <c>course run</c> prints the final value when the cell ends.
/// </summary>
public sealed class DisplayedValue
{
    private readonly Action<object?> _update;

    internal DisplayedValue(string displayId, Action<object?> update)
    {
        DisplayId = displayId;
        _update = update;
    }

    /// <summary>The Jupyter display id of this output.</summary>
    public string DisplayId { get; }

    /// <summary>Replaces the displayed value with <paramref name="updatedValue"/>, formatted as the first one was.</summary>
    public void Update(object? updatedValue) => _update(updatedValue);
}
