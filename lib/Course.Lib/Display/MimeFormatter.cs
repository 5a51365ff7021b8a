namespace Course.Display;

/// <summary>
/// One formatter in the shape the formatter convention expects: a MIME type and
/// <c>bool Format(object, TextWriter)</c>.
/// </summary>
/// <typeparam name="T">The type it formats.</typeparam>
/// <param name="mimeType">For example <c>text/html</c>.</param>
/// <param name="render">Writes the value in that MIME type.</param>
public sealed class MimeFormatter<T>(string mimeType, Func<T, string> render)
{
    /// <summary>The MIME type this formatter writes.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes <paramref name="value"/>; returns false when it is not a <typeparamref name="T"/>.</summary>
    public bool Format(object value, TextWriter writer)
    {
        if (value is not T typed)
        {
            return false;
        }
        writer.Write(render(typed));
        return true;
    }
}
