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

    [Theory]
    [InlineData("/a>; rel=\"evil\", <x", "next")]
    [InlineData("/a b", "next")]
    [InlineData("/a\r\nSet-Cookie: x=1", "next")]
    [InlineData("/a", "next\", <x>; rel=\"evil")]
    [InlineData("/a", "")]
    [InlineData("/a", "next,prev")]
    public void Format_UrlOrRelThatWouldBreakTheHeader_Throws(string url, string rel)
    {
        Assert.Throws<ArgumentException>(() => LinkHeader.Format([new WebLink(url, rel)]));
    }

    [Theory]
    [InlineData("/named/\u00e9t\u00e9", "next", "</named/%C3%A9t%C3%A9>; rel=\"next\"")]
    [InlineData("/named/\u2028", "next", "</named/%E2%80%A8>; rel=\"next\"")]
    [InlineData("/p?q=\ufeffx", "next", "</p?q=%EF%BB%BFx>; rel=\"next\"")]
    [InlineData("/p?q=%C3%A9", "n\u00e9vt", "</p?q=%C3%A9>; rel=\"n%C3%A9vt\"")]
    [InlineData("/p?q=\ud83d\ude00", "next", "</p?q=%F0%9F%98%80>; rel=\"next\"")]
    public void Format_NonAsciiInUrlOrRel_IsPercentEncodedSoServersAcceptTheHeader(string url, string rel, string expected)
    {
        // Kestrel refuses a response header holding a non-ASCII character (the request then fails with 500).
        var header = LinkHeader.Format([new WebLink(url, rel)]);

        Assert.Equal(expected, header);
        Assert.All(header, c => Assert.InRange(c, ' ', '~'));
    }

    [Fact]
    public void Format_LoneSurrogate_IsPercentEncodedAsTheReplacementCharacter()
    {
        Assert.Equal("</p?q=%EF%BF%BDx>; rel=\"next\"", LinkHeader.Format([new WebLink("/p?q=\ud83dx", "next")]));
    }

    [Fact]
    public void Format_NoLinks_IsEmpty()
    {
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

    [Fact]
    public void Parse_SemicolonOrRelInsideAQuotedParameter_IsNotARelationType()
    {
        var links = LinkHeader.Parse("</a>; title=\"x; rel=evil\"; rel=next, </b>; title=\"say \\\"hi; rel=bad\\\"\"; rel=prev");

        Assert.Equal([new WebLink("/a", "next"), new WebLink("/b", "prev")], links);
    }

    [Fact]
    public void Parse_SecondRelParameter_IsIgnored()
    {
        Assert.Equal([new WebLink("/a", "next")], LinkHeader.Parse("</a>; rel=next; rel=prev"));
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
