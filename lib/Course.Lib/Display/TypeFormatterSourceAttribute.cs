namespace Course.Display;

/// <summary>
/// Names the type that creates a displayed type's formatters. Polyglot Notebooks and the course
/// engine find this attribute by its name, so the library needs no notebook package: put it on a
/// type, and a cell that ends with a value of that type shows the formatters' output.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types to emit, in order; when not set, the front end's default (HTML).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
