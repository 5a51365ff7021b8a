// Mistake: last = total / limit * limit: when total is an exact multiple (100 of 20) the "last page" starts at 100, past the end.
// Expect: should have offset=80
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset) => LinkHeader.PageUrl(request, ("offset", offset.ToString()), ("limit", window.Limit.ToString()));
    var links = new List<WebLink> { new(Url(0), "first") };
    if (window.Offset > 0)
    {
        links.Add(new(Url(Math.Max(0, window.Offset - window.Limit)), "prev"));
    }
    if (window.Offset < total - window.Limit) // not Offset + Limit < total, which overflows near int.MaxValue
    {
        links.Add(new(Url(window.Offset + window.Limit), "next"));
    }
    links.Add(new(Url(total / window.Limit * window.Limit), "last"));
    return LinkHeader.Format(links);
}
