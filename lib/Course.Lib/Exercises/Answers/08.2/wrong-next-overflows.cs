// Mistake: asks offset + limit < total; for offset 2147483647 the sum wraps to a negative number, so the last possible page gets a next link to offset -2147483629.
// Expect: window.Offset + window.Limit overflows
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString()), ("limit", window.Limit.ToString()));
    var links = new List<WebLink> { new(Url(0), "first") };
    if (window.Offset > 0)
    {
        links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
    }
    if (window.Offset + window.Limit < total)
    {
        links.Add(new(Url(window.Offset + window.Limit), "next"));
    }
    links.Add(new(Url(Math.Max(0, (total - 1) / window.Limit * window.Limit)), "last"));
    return LinkHeader.Format(links);
}
