// Exercise 08.3: the Link header value for one page of `total` rows, written by hand: <url>; rel="…", …
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    // An absolute URL: the request's origin, path base and path, its other parameters kept, offset and limit set.
    string Url(int offset)
    {
        // Names compared ignoring case, as ASP.NET Core binds them: ?Offset=40 is the offset too.
        var query = request.Query.Where(p => !p.Key.Equals("offset", StringComparison.OrdinalIgnoreCase) && !p.Key.Equals("limit", StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.Select(value => KeyValuePair.Create(p.Key, value)))
            .Append(KeyValuePair.Create("offset", offset.ToString()))
            .Append(KeyValuePair.Create("limit", window.Limit.ToString()));
        return Microsoft.AspNetCore.Http.Extensions.UriHelper.BuildAbsolute(
            request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(query));
    }
    string Link(int offset, string rel) => $"<{Url(offset)}>; rel=\"{rel}\"";

    var links = new List<string> { Link(0, "first") };
    if (window.Offset > 0)
    {
        links.Add(Link(Math.Max(0, window.Offset - window.Limit), "prev"));
    }
    if (window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
    {
        links.Add(Link(window.Offset + window.Limit, "next"));
    }
    links.Add(Link(Math.Max(0, (total - 1) / window.Limit * window.Limit), "last"));
    return string.Join(", ", links);
}
