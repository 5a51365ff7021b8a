// Mistake: over-broad: all four links on every page, so the first page has a prev and the last page a next.
// Expect: but were first, last, next, prev
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString()), ("limit", window.Limit.ToString()));
    return LinkHeader.Format(
    [
        new(Url(0), "first"),
        new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"),
        new(Url(window.Offset + window.Limit), "next"),
        new(Url(Math.Max(0, (total - 1) / window.Limit * window.Limit)), "last"),
    ]);
}
