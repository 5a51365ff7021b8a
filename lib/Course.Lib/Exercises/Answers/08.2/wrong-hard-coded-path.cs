// Mistake: builds every link on the path "/products" by hand instead of the request's own path: the same code behind
// /catalog/lamps sends the client to another resource.
// Expect: does not point at
// Exercise 08.2: the Link header for one page of `total` rows.
string BuildLinks(HttpRequest request, PageWindow window, int total)
{
    string Url(int offset)
    {
        var query = request.Query.Where(p => p.Key is not ("offset" or "limit"))
            .ToDictionary(p => p.Key, p => (string?)p.Value.ToString());
        query["offset"] = offset.ToString();
        query["limit"] = window.Limit.ToString();
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/products", query);
    }
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
