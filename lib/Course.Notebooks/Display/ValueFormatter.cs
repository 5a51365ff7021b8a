using System.Collections;
using System.Net;
using System.Reflection;
using System.Text;

namespace Course.Notebooks.Display;

/// <summary>
/// Turns a displayed value into MIME-typed text. A type that follows the formatter convention
/// formats itself; everything else gets a readable default: records, anonymous types and tuples by
/// their <c>ToString</c>, collections as lists (and tables in HTML), plain objects by their public
/// properties, <c>null</c> as <c>&lt;null&gt;</c>, exceptions by type and message.
/// </summary>
internal static class ValueFormatter
{
    public const string PlainText = "text/plain";
    public const string Html = "text/html";
    private const int MaxItems = 20;
    private const int MaxDepth = 3;

    /// <summary>
    /// Formats a value; <paramref name="mimeTypes"/>, when not empty, keeps only those types. Otherwise a type
    /// whose formatter attribute names preferred MIME types gets those (and always <c>text/plain</c>, for the
    /// terminal), as the Polyglot kernel emits a type's preferred MIME types.
    /// </summary>
    public static Dictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        if (mimeTypes is not { Count: > 0 } && value is not null && FormatterConvention.PreferredMimeTypes(value.GetType()) is { } preferred)
        {
            mimeTypes = [.. preferred, PlainText];
        }
        var data = value is null ? [] : FormatterConvention.Format(value);
        var ownFormatters = data.Count > 0;
        if (!data.ContainsKey(PlainText))
        {
            data[PlainText] = ToPlainText(value);
        }
        if (!data.ContainsKey(Html))
        {
            // A type that formats itself as text only is shown as that text, not as our default table.
            data[Html] = ownFormatters ? PreformattedHtml(data[PlainText]) : ToHtml(value);
        }
        if (mimeTypes is { Count: > 0 })
        {
            foreach (var key in data.Keys.Where(k => !mimeTypes.Contains(k)).ToList())
            {
                data.Remove(key);
            }
        }
        return data;
    }

    public static string ToPlainText(object? value) => Plain(value, 0);

    private static string Plain(object? value, int depth) => value switch
    {
        null => "<null>",
        string s => s,
        Exception e => $"{FriendlyName(e.GetType())}: {e.Message}",
        Type t => FriendlyName(t),
        IFormattable or bool or char => value.ToString() ?? "",
        IEnumerable items => depth >= MaxDepth ? FriendlyName(value.GetType()) : PlainList(items, depth),
        _ when OverridesToString(value.GetType()) => value.ToString() ?? "",
        _ => depth >= MaxDepth ? FriendlyName(value.GetType()) : PlainObject(value, depth),
    };

    private static string PlainList(IEnumerable items, int depth)
    {
        var (shown, more) = Take(items);
        var text = string.Join(", ", shown.Select(item => Plain(item, depth + 1)));
        return more ? $"[ {text}, … ]" : $"[ {text} ]";
    }

    private static string PlainObject(object value, int depth)
    {
        var members = Members(value).Select(m => $"{m.Name} = {Plain(m.Value, depth + 1)}");
        return $"{FriendlyName(value.GetType())} {{ {string.Join(", ", members)} }}";
    }

    private static string ToHtml(object? value)
    {
        if (value is IEnumerable items and not string && value is not IFormattable)
        {
            return HtmlTable(items);
        }
        if (value is not null && !IsScalar(value) && !OverridesToString(value.GetType()))
        {
            var rows = Members(value).Select(m => $"<tr><td>{Encode(m.Name)}</td><td>{Encode(Plain(m.Value, 1))}</td></tr>");
            return $"<table><thead><tr><th colspan=\"2\">{Encode(FriendlyName(value.GetType()))}</th></tr></thead><tbody>{string.Concat(rows)}</tbody></table>";
        }
        return PreformattedHtml(Plain(value, 0));
    }

    private static string PreformattedHtml(string text) => $"<div class=\"dni-plaintext\"><pre>{Encode(text)}</pre></div>";

    private static string HtmlTable(IEnumerable items)
    {
        var (shown, more) = Take(items);
        var html = new StringBuilder("<table><thead><tr><th><i>index</i></th>");
        var columns = shown.Count > 0 && shown.All(i => i is not null && !IsScalar(i) && i.GetType() == shown[0]!.GetType())
            ? Members(shown[0]!).Select(m => m.Name).ToList()
            : null;
        html.Append(columns is null ? "<th>value</th>" : string.Concat(columns.Select(c => $"<th>{Encode(c)}</th>")));
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < shown.Count; i++)
        {
            html.Append($"<tr><td>{i}</td>");
            if (columns is null)
            {
                html.Append($"<td>{Encode(Plain(shown[i], 1))}</td>");
            }
            else
            {
                foreach (var member in Members(shown[i]!))
                {
                    html.Append($"<td>{Encode(Plain(member.Value, 2))}</td>");
                }
            }
            html.Append("</tr>");
        }
        if (more)
        {
            html.Append($"<tr><td colspan=\"{(columns?.Count ?? 1) + 1}\">(more items not shown)</td></tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    private static (List<object?> Shown, bool More) Take(IEnumerable items)
    {
        var shown = new List<object?>();
        foreach (var item in items)
        {
            if (shown.Count == MaxItems)
            {
                return (shown, true);
            }
            shown.Add(item);
        }
        return (shown, false);
    }

    private static IEnumerable<(string Name, object? Value)> Members(object value)
    {
        var type = value.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null)
            {
                continue;
            }
            object? memberValue;
            try
            {
                memberValue = property.GetValue(value);
            }
            catch (TargetInvocationException e)
            {
                memberValue = e.InnerException;
            }
            yield return (property.Name, memberValue);
        }
        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            yield return (field.Name, field.GetValue(value));
        }
    }

    private static bool IsScalar(object value) =>
        value is string or IFormattable or bool or char or Type || value.GetType().IsPrimitive;

    private static bool OverridesToString(Type type) =>
        type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType is { } declaring &&
        declaring != typeof(object) && declaring != typeof(ValueType);

    /// <summary><c>List&lt;int&gt;</c> rather than <c>List`1</c>.</summary>
    public static string FriendlyName(Type type)
    {
        if (type.IsArray)
        {
            return FriendlyName(type.GetElementType()!) + "[]";
        }
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            name = name[..tick];
        }
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(FriendlyName))}>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
