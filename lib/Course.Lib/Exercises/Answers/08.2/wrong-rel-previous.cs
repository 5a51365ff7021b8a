// Mistake: rel="previous" (a registered synonym) where the exercise, and most clients, expect rel="prev".
// Expect: registered synonym
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString()), ("limit", window.Limit.ToString()));
    var links = new List<WebLink> { new(Url(0), "first") };
    if (window.Offset > 0)
    {
        links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "previous"));
    }
    if (window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
    {
        links.Add(new(Url(window.Offset + window.Limit), "next"));
    }
    links.Add(new(Url(Math.Max(0, (total - 1) / window.Limit * window.Limit)), "last"));
    return LinkHeader.Format(links);
}
