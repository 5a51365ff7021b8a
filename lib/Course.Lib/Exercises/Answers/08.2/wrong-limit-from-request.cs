// Mistake: sets only the offset in each link and lets the request's own limit through: when the endpoint clamped
// ?limit=1000 to 100, the links still say limit=1000 (and a request without a limit gets links without one).
// Expect: window.Limit
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString()));
    var links = new List<WebLink> { new(Url(0), "first") };
    if (window.Offset > 0)
    {
        links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
    }
    if (window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
    {
        links.Add(new(Url(window.Offset + window.Limit), "next"));
    }
    links.Add(new(Url(Math.Max(0, (total - 1) / window.Limit * window.Limit)), "last"));
    return LinkHeader.Format(links);
}
