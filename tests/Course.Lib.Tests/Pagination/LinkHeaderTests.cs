using Course.Pagination;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Pagination;

public class LinkHeaderTests
{
    [Fact]
    public void Format_WritesRfc8288Links()
    {
        var header = LinkHeader.Format([new WebLink("/products?offset=40", "next"), new WebLink("/products?offset=0", "prev")]);

        Assert.Equal("</products?offset=40>; rel=\"next\", </products?offset=0>; rel=\"prev\"", header);
        Assert.Equal("", LinkHeader.Format([]));
    }

    [Fact]
    public void Parse_OfFormat_RoundTrips()
    {
        WebLink[] links = [new("/p?a=1&b=2", "first"), new("/p?cursor=abc.def", "next"), new("https://x.test/p?page=9", "last")];

        Assert.Equal(links, LinkHeader.Parse(LinkHeader.Format(links)));
    }

    [Fact]
    public void Parse_ToleratesSpacingUnquotedRelOtherParametersAndSeveralRels()
    {
        var links = LinkHeader.Parse("  </a?x=1,2>;rel=next ,</b>; title=\"a, b; c\"; REL=\"prev first\",<c>;rel=\"last\"  ");

        Assert.Equal([new WebLink("/a?x=1,2", "next"), new WebLink("/b", "prev"), new WebLink("/b", "first"), new WebLink("c", "last")], links);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("garbage")]
    public void Parse_NothingUsable_GivesNoLinks(string? header)
    {
        Assert.Empty(LinkHeader.Parse(header));
    }

    [Fact]
    public void Parse_LinkWithoutRel_IsSkipped()
    {
        Assert.Equal([new WebLink("/b", "next")], LinkHeader.Parse("</a>; title=\"x\", </b>; rel=next"));
    }

    [Fact]
    public void PageUrl_ReplacesOneParameterAndKeepsTheOthersInOrder()
    {
        var request = Request("/products", "?category=books&offset=20&limit=10");

        Assert.Equal("/products?category=books&offset=40&limit=10", LinkHeader.PageUrl(request, ("offset", "40")));
    }

    [Fact]
    public void PageUrl_AddsMissingParametersRemovesNullOnesAndKeepsPathBase()
    {
        var request = Request("/products", "?cursor=abc&limit=10", pathBase: "/api");

        Assert.Equal("/api/products?limit=10&page=2", LinkHeader.PageUrl(request, ("cursor", null), ("page", "2")));
    }

    [Fact]
    public void PageUrl_EncodesNamesAndValues()
    {
        var request = Request("/products", "?q=a%20b%26c&tag=x&tag=y");

        Assert.Equal("/products?q=a%20b%26c&tag=x&tag=y&cursor=a%2Bb%3D%2F", LinkHeader.PageUrl(request, ("cursor", "a+b=/")));
    }

    [Fact]
    public void PageUrl_MatchesNamesCaseInsensitively()
    {
        var request = Request("/products", "?Offset=20");

        Assert.Equal("/products?offset=40", LinkHeader.PageUrl(request, ("offset", "40")));
    }

    private static HttpRequest Request(string path, string query, string pathBase = "")
    {
        var context = new DefaultHttpContext();
        context.Request.PathBase = pathBase;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }
}
