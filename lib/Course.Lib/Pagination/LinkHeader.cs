using System.Text;
using Microsoft.AspNetCore.Http;

namespace Course.Pagination;

/// <summary>Writes and reads RFC 8288 <c>Link</c> headers, and builds the URL of another page of the current request.</summary>
public static class LinkHeader
{
    /// <summary>
    /// The header value: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>, in the given order. A header value
    /// may hold ASCII only (Kestrel refuses anything else, and the request fails), so a non-ASCII character in a URL or a
    /// relation type is percent-encoded as its UTF-8 bytes (RFC 3986 §2.1: <c>é</c> becomes <c>%C3%A9</c>; a lone
    /// surrogate becomes U+FFFD's <c>%EF%BF%BD</c>).
    /// </summary>
    /// <param name="links">The links to write.</param>
    /// <returns>The value, ASCII only, or an empty string when there are no links.</returns>
    /// <exception cref="ArgumentException">
    /// A URL holds a character a URI reference cannot (<c>&lt;</c>, <c>&gt;</c>, <c>"</c>, a space, a control character:
    /// encode it, as <see cref="PageUrl"/> does), or a relation type is empty or holds <c>"</c>, <c>\</c>, <c>,</c> or a control character.
    /// </exception>
    public static string Format(IEnumerable<WebLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return string.Join(", ", links.Select(l =>
        {
            ArgumentNullException.ThrowIfNull(l, nameof(links));
            if (l.Url is null || l.Url.Any(c => c is '<' or '>' or '"' or ' ' || char.IsControl(c)))
            {
                throw new ArgumentException($"The link URL {l.Url} cannot be written between angle brackets; percent-encode it.", nameof(links));
            }
            if (string.IsNullOrWhiteSpace(l.Rel) || l.Rel.Any(c => c is '"' or '\\' or ',' || char.IsControl(c)))
            {
                throw new ArgumentException($"The relation type \"{l.Rel}\" is not a valid rel value.", nameof(links));
            }
            return $"<{PercentEncodeNonAscii(l.Url)}>; rel=\"{PercentEncodeNonAscii(l.Rel)}\"";
        }));
    }

    private static string PercentEncodeNonAscii(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }
        var encoded = new StringBuilder(text.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length;)
        {
            if (text[i] < 0x80)
            {
                encoded.Append(text[i++]);
                continue;
            }
            // An unpaired surrogate decodes as U+FFFD, as UTF-8 encoding would write it.
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            i += used;
            foreach (var b in utf8[..rune.EncodeToUtf8(utf8)])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        return encoded.ToString();
    }

    /// <summary>
    /// Reads a header value into links, one per relation type: tolerant of spacing, of quoted and unquoted
    /// <c>rel</c>, of other parameters, and of several types in one <c>rel</c> (<c>rel="prev first"</c> gives two links).
    /// Relation types are returned in lower case.
    /// </summary>
    /// <param name="header">The header value; <see langword="null"/> or empty gives no links.</param>
    /// <returns>The links in the order they appear.</returns>
    public static IReadOnlyList<WebLink> Parse(string? header)
    {
        var links = new List<WebLink>();
        if (string.IsNullOrWhiteSpace(header))
        {
            return links;
        }
        var i = 0;
        while (i < header.Length)
        {
            var open = header.IndexOf('<', i);
            if (open < 0)
            {
                break;
            }
            var close = header.IndexOf('>', open + 1);
            if (close < 0)
            {
                break;
            }
            var url = header[(open + 1)..close].Trim();
            var end = EndOfLinkValue(header, close + 1);
            foreach (var rel in RelationTypes(header[(close + 1)..end]))
            {
                links.Add(new WebLink(url, rel));
            }
            i = end + 1;
        }
        return links;
    }

    /// <summary>
    /// The path and query of <paramref name="request"/> with the given query parameters replaced (or added when
    /// absent; a <see langword="null"/> value removes one). Other parameters are kept in their order; names and values are URL-encoded.
    /// </summary>
    /// <param name="request">The current request.</param>
    /// <param name="replace">The parameters to set, such as <c>("offset", "40")</c>.</param>
    /// <returns>A relative URL such as <c>/products?category=books&amp;limit=20&amp;offset=40</c>.</returns>
    public static string PageUrl(HttpRequest request, params (string Name, string? Value)[] replace)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(replace);
        var pairs = new List<(string Name, string Value)>();
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Query)
        {
            var index = Array.FindIndex(replace, r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                if (done.Add(replace[index].Name) && replace[index].Value is { } value)
                {
                    pairs.Add((replace[index].Name, value));
                }
                continue;
            }
            foreach (var value in values)
            {
                pairs.Add((name, value ?? ""));
            }
        }
        foreach (var (name, value) in replace)
        {
            if (done.Add(name) && value is not null)
            {
                pairs.Add((name, value));
            }
        }
        var query = QueryString.Create(pairs.Select(p => KeyValuePair.Create(p.Name, (string?)p.Value)));
        return (request.PathBase + request.Path).ToUriComponent() + query.ToUriComponent();
    }

    private static int EndOfLinkValue(string header, int start)
    {
        var quoted = false;
        for (var i = start; i < header.Length; i++)
        {
            var c = header[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == ',' && !quoted)
            {
                return i;
            }
        }
        return header.Length;
    }

    private static IEnumerable<string> RelationTypes(string parameters)
    {
        // Only the first rel parameter counts (RFC 8288 §3.3). Parameters are split on ';' outside quoted strings,
        // so a title="a; rel=x" cannot smuggle in a relation type.
        foreach (var part in SplitParameters(parameters))
        {
            var equals = part.IndexOf('=');
            if (equals < 0 || !part[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var value = Unquote(part[(equals + 1)..].Trim());
            foreach (var rel in value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                yield return rel.ToLowerInvariant();
            }
            yield break;
        }
    }

    private static List<string> SplitParameters(string parameters)
    {
        var parts = new List<string>();
        var quoted = false;
        var start = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var c = parameters[i];
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\\' && quoted)
            {
                i++;
            }
            else if (c == ';' && !quoted)
            {
                parts.Add(parameters[start..i].Trim());
                start = i + 1;
            }
        }
        parts.Add(parameters[start..].Trim());
        parts.RemoveAll(p => p.Length == 0);
        return parts;
    }

    private static string Unquote(string value)
    {
        if (value.Length < 2 || value[0] != '"' || value[^1] != '"')
        {
            return value;
        }
        var text = new StringBuilder(value.Length);
        for (var i = 1; i < value.Length - 1; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length - 1)
            {
                i++;
            }
            text.Append(value[i]);
        }
        return text.ToString();
    }
}
