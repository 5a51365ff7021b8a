using System.Collections.Concurrent;
using System.Reflection;

namespace Course.Notebooks.Display;

/// <summary>
/// The .NET Interactive formatter convention, which needs no package reference: a type carries an
/// attribute class named <c>TypeFormatterSourceAttribute</c> (from any assembly) whose
/// <c>FormatterSourceType</c> has <c>IEnumerable&lt;object&gt; CreateTypeFormatters()</c>; each
/// formatter has <c>string MimeType { get; }</c> and <c>bool Format(object, TextWriter)</c>.
/// The attribute's optional <c>string[] PreferredMimeTypes</c> names the MIME types to emit. As in the
/// Polyglot kernel, anything that does not fit the convention is ignored, except a <c>Format</c>
/// that does not return <c>bool</c>, which is an error.
/// </summary>
internal static class FormatterConvention
{
    private static readonly ConcurrentDictionary<Type, TypeFormatters> s_cache = new();

    /// <summary>The MIME types <paramref name="type"/>'s attribute prefers, or null when it names none.</summary>
    public static IReadOnlyList<string>? PreferredMimeTypes(Type type) => s_cache.GetOrAdd(type, Discover).PreferredMimeTypes;

    /// <summary>Formats <paramref name="value"/> with its type's formatters: MIME type → text. Empty when the type has none.</summary>
    public static Dictionary<string, string> Format(object value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var formatter in s_cache.GetOrAdd(value.GetType(), Discover).Formatters)
        {
            if (result.ContainsKey(formatter.MimeType))
            {
                continue;
            }
            using var writer = new StringWriter();
            if (formatter.Format(value, writer))
            {
                result[formatter.MimeType] = writer.ToString();
            }
        }
        return result;
    }

    private static TypeFormatters Discover(Type type)
    {
        var attribute = type.GetCustomAttributes(inherit: true)
            .FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        if (attribute is null)
        {
            return new([], null);
        }
        var preferred = attribute.GetType().GetProperty("PreferredMimeTypes")?.GetValue(attribute) as string[];
        return new(CreateFormatters(type, attribute), preferred is { Length: > 0 } ? preferred : null);
    }

    private static List<ConventionFormatter> CreateFormatters(Type type, object attribute)
    {
        if (attribute.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType)
        {
            return [];
        }
        var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (create is null || Activator.CreateInstance(sourceType) is not { } source ||
            create.Invoke(source, null) is not IEnumerable<object> formatters)
        {
            return [];
        }
        var result = new List<ConventionFormatter>();
        foreach (var formatter in formatters)
        {
            var formatterType = formatter.GetType();
            var mimeType = formatterType.GetProperty("MimeType")?.GetValue(formatter) as string;
            var format = formatterType.GetMethod("Format", [typeof(object), typeof(TextWriter)]);
            if (mimeType is null || format is null)
            {
                continue;
            }
            if (format.ReturnType != typeof(bool))
            {
                throw new InvalidOperationException(
                    $"The formatter {formatterType.Name} for {type.Name} has a Format method that returns {format.ReturnType.Name}; " +
                    "the formatter convention requires 'bool Format(object value, TextWriter writer)'.");
            }
            result.Add(new ConventionFormatter(mimeType, (v, w) => (bool)format.Invoke(formatter, [v, w])!));
        }
        return result;
    }

    private sealed record TypeFormatters(IReadOnlyList<ConventionFormatter> Formatters, IReadOnlyList<string>? PreferredMimeTypes);

    private sealed record ConventionFormatter(string MimeType, Func<object, TextWriter, bool> Format);
}
