using System.Text;
using Microsoft.AspNetCore.Http;

namespace Course.Pagination;

/// <summary>Writes and reads RFC 8288 <c>Link</c> headers, and builds the URL of another page of the current request.</summary>
public static class LinkHeader
{
    /// <summary>The header value: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="prev"</c>, in the given order.</summary>
    /// <param name="links">The links to write.</param>
    /// <returns>The value, or an empty string when there are no links.</returns>
    public static string Format(IEnumerable<WebLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        return string.Join(", ", links.Select(l => $"<{l.Url}>; rel=\"{l.Rel}\""));
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
        var url = new StringBuilder((request.PathBase + request.Path).ToUriComponent());
        for (var p = 0; p < pairs.Count; p++)
        {
            url.Append(p == 0 ? '?' : '&').Append(Uri.EscapeDataString(pairs[p].Name)).Append('=').Append(Uri.EscapeDataString(pairs[p].Value));
        }
        return url.ToString();
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
        foreach (var part in parameters.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals < 0 || !part[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var value = part[(equals + 1)..].Trim().Trim('"');
            foreach (var rel in value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return rel.ToLowerInvariant();
            }
            yield break;
        }
    }
}
