using System.Net;
using Course.Http;
using Course.Lib.Tests.Infrastructure;

namespace Course.Lib.Tests.Http;

public class ResponseCookieTests
{
    [Fact]
    public void Parse_BareCookie_HasNoSecurityFlags()
    {
        var cookie = ResponseCookie.Parse("session_id=abc123; path=/")!;

        Assert.Equal(new ResponseCookie("session_id", "abc123", "/", null, null, null, HttpOnly: false, Secure: false, SameSite: null), cookie);
        Assert.Equal("session_id=abc123  Path=/  Domain=(none)  session cookie  HttpOnly=NO  Secure=NO  SameSite=(not set)", cookie.ToString());
    }

    [Fact]
    public void Parse_CookieWithEveryFlag_ReadsThemAll()
    {
        var cookie = ResponseCookie.Parse("session_id=abc123; max-age=3600; path=/; secure; samesite=lax; httponly")!;

        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal("Lax", cookie.SameSite);
        Assert.Equal(TimeSpan.FromHours(1), cookie.MaxAge);
        Assert.Contains("Max-Age=3600", cookie.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ExpiresWithACommaAndSameSiteNone_ReadsBoth()
    {
        var cookie = ResponseCookie.Parse("id=1; expires=Thu, 01 Jan 2026 00:00:00 GMT; path=/; secure; samesite=none")!;

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), cookie.Expires);
        Assert.Null(cookie.MaxAge);
        Assert.Equal("None", cookie.SameSite);
        Assert.Contains("Expires=Thu, 01 Jan 2026 00:00:00 GMT", cookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a=b;Max-Age=")]
    [InlineData("a=b; Max-Age=")]
    [InlineData("a=b; Max-Age=soon")]
    [InlineData("a=b; Expires=")]
    [InlineData("a=b; Expires=not a date")]
    [InlineData("a=b; SameSite=")]
    public void Parse_AnAttributeWithABadValue_IgnoresThatAttributeAsBrowsersDo(string setCookie)
    {
        // RFC 6265 §5.2: a browser ignores an attribute it cannot read and keeps the cookie.
        // (SetCookieHeaderValue.TryParse throws for "Max-Age=" instead of returning false.)
        var cookie = ResponseCookie.Parse(setCookie)!;

        Assert.Equal(("a", "b", (TimeSpan?)null, (DateTimeOffset?)null), (cookie.Name, cookie.Value, cookie.MaxAge, cookie.Expires));
    }

    [Fact]
    public void Parse_ABadAttributeAmongGoodOnes_KeepsTheGoodOnes()
    {
        var cookie = ResponseCookie.Parse("session_id=abc; Max-Age=; Path=/; HttpOnly; Secure; SameSite=Strict")!;

        Assert.Equal(new ResponseCookie("session_id", "abc", "/", null, null, null, HttpOnly: true, Secure: true, SameSite: "Strict"), cookie);
    }

    [Fact]
    public void Parse_NotACookie_IsNull()
    {
        Assert.Null(ResponseCookie.Parse("no equals sign here"));
    }

    [Fact]
    public async Task SetCookies_OnAnExchange_ListsEachCookieInOrder()
    {
        var (client, _) = StubHandler.Client(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.Add("Set-Cookie", "a=1; path=/; httponly");
            response.Headers.Add("Set-Cookie", "b=2; expires=Thu, 01 Jan 2026 00:00:00 GMT; path=/; secure; samesite=strict");
            return response;
        });
        HttpExchange exchange;
        using (client)
        {
            exchange = await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/"));
        }

        Assert.Equal(["a", "b"], exchange.SetCookies.Select(c => c.Name));
        Assert.True(exchange.SetCookies[0].HttpOnly);
        Assert.Equal("Strict", exchange.SetCookies[1].SameSite);
        Assert.Equal(2026, exchange.SetCookies[1].Expires?.Year); // the comma in Expires does not split the cookie
    }
}
