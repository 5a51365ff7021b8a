// Mistake: writes the header by hand with the parameters' decoded values, so "red lamp" goes into the URL with a raw space.
// Expect: must be percent-encoded
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset)
    {
        var others = request.Query.Where(p => p.Key is not ("offset" or "limit")).Select(p => $"{p.Key}={p.Value}");
        return $"{request.Path}?{string.Join("&", others.Append($"offset={offset}").Append($"limit={window.Limit}"))}";
    }
    var links = new List<string> { $"<{Url(0)}>; rel=\"first\"" };
    if (window.Offset > 0)
    {
        links.Add($"<{Url(Math.Max(0, window.Offset - window.Limit))}>; rel=\"prev\"");
    }
    if (window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
    {
        links.Add($"<{Url(window.Offset + window.Limit)}>; rel=\"next\"");
    }
    links.Add($"<{Url(Math.Max(0, (total - 1) / window.Limit * window.Limit))}>; rel=\"last\"");
    return string.Join(", ", links);
}
