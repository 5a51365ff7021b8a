using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Course.Http;
using Course.Lib.Tests.Infrastructure;

namespace Course.Lib.Tests.Http;

public class HttpExchangeTests
{
    [Fact]
    public async Task ToString_RelativeGet_StartsWithRequestLineAndHost()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/items?page=2"), _ => Text("[]", "application/json"));

        var lines = exchange.ToString().Split('\n');

        Assert.Equal("GET /items?page=2 HTTP/1.1", lines[0]);
        Assert.Equal("Host: example.test", lines[1]);
        Assert.Equal(new Uri("http://example.test/items?page=2"), exchange.Uri);
    }

    [Fact]
    public async Task ToString_RequestWithOwnHostHeader_ShowsItOnce()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://example.test/") { Headers = { Host = "api.example.test" } };

        var exchange = await SendAsync(request, _ => Text("ok", "text/plain"));

        var hostLines = exchange.ToString().Split('\n').Where(l => l.StartsWith("Host:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["Host: api.example.test"], hostLines);
    }

    [Fact]
    public async Task ToString_RequestHeadersAndBody_AreShownBeforeTheResponse()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders")
        {
            Headers = { { "X-Course-Note", "abc-123" } },
            Content = JsonContent.Create(new { item = "pen", quantity = 2 }),
        };

        var exchange = await SendAsync(request, _ => new HttpResponseMessage(HttpStatusCode.Created));
        var text = exchange.ToString();
        var response = text.IndexOf("HTTP/1.1 201 Created", StringComparison.Ordinal);

        Assert.StartsWith("POST /orders HTTP/1.1\n", text, StringComparison.Ordinal);
        Assert.InRange(text.IndexOf("X-Course-Note: abc-123", StringComparison.Ordinal), 0, response);
        Assert.InRange(text.IndexOf("Content-Type: application/json; charset=utf-8", StringComparison.Ordinal), 0, response);
        Assert.InRange(text.IndexOf("\"item\": \"pen\"", StringComparison.Ordinal), 0, response);
        Assert.Equal("""{"item":"pen","quantity":2}""", exchange.RequestBody);
    }

    [Fact]
    public async Task ToString_Response_HasStatusLineHeadersAndBody()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/missing"), _ =>
        {
            var response = Text("no such thing", "text/plain");
            response.StatusCode = HttpStatusCode.NotFound;
            response.Headers.Add("X-Trace", "t1");
            return response;
        });

        var response = exchange.ToString().Split("\n\n")[1];

        Assert.Equal(404, exchange.Status);
        Assert.Equal(HttpStatusCode.NotFound, exchange.StatusCode);
        Assert.Equal("HTTP/1.1 404 Not Found\nX-Trace: t1\nContent-Type: text/plain; charset=utf-8\nContent-Length: 13", response);
        Assert.EndsWith("\n\nno such thing", exchange.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_JsonBody_IsPrettyPrintedWithoutEscapingText()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("""{"greeting":"你好, Grüße","tags":["a","b"]}""", "application/json"));

        Assert.EndsWith("""
            {
              "greeting": "你好, Grüße",
              "tags": [
                "a",
                "b"
              ]
            }
            """.ReplaceLineEndings("\n"), exchange.ToString(), StringComparison.Ordinal);
        Assert.Equal("""{"greeting":"你好, Grüße","tags":["a","b"]}""", exchange.Body);
    }

    [Fact]
    public async Task ToString_ProblemJsonBody_IsPrettyPrinted()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("""{"status":400}""", "application/problem+json"));

        Assert.EndsWith("{\n  \"status\": 400\n}", exchange.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToString_BodyThatClaimsJsonButIsNot_IsShownAsItIs()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("{not json", "application/json"));

        Assert.EndsWith("\n\n{not json", exchange.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_SeveralCookies_AreOneSetCookieLineEach()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/login"), _ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            response.Headers.Add("Set-Cookie", ["session=abc; path=/; httponly", "theme=dark; path=/"]);
            return response;
        });

        var cookieLines = exchange.ToString().Split('\n').Where(l => l.StartsWith("Set-Cookie:", StringComparison.Ordinal)).ToList();

        Assert.Equal(["Set-Cookie: session=abc; path=/; httponly", "Set-Cookie: theme=dark; path=/"], cookieLines);
        Assert.Equal("session=abc; path=/; httponly, theme=dark; path=/", exchange.Header("set-cookie"));
    }

    [Fact]
    public async Task Header_IsCaseInsensitive_AndNullWhenMissing()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("ok", "text/plain"));

        Assert.Equal("text/plain; charset=utf-8", exchange.Header("content-type"));
        Assert.Null(exchange.Header("X-Missing"));
    }

    [Fact]
    public async Task Body_BinaryResponse_IsSummarisedNotDecoded()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/logo.png"), _ =>
        {
            var content = new ByteArrayContent([0x89, 0x50, 0x4E, 0x47, 0x00, 0xFF]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        });

        Assert.Equal("<6 bytes of image/png>", exchange.Body);
        Assert.EndsWith("\n\n<6 bytes of image/png>", exchange.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestBody_BinaryUpload_IsSummarisedNotDecoded()
    {
        var content = new ByteArrayContent([0x00, 0x01, 0xFE, 0xFF]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var request = new HttpRequestMessage(HttpMethod.Put, "/files/1") { Content = content };

        var exchange = await SendAsync(request, _ => new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal("<4 bytes of application/octet-stream>", exchange.RequestBody);
    }

    [Fact]
    public async Task SendAsync_RequestBody_StillReachesTheServer()
    {
        var (client, handler) = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent("payload") });
        }

        Assert.Equal("payload", handler.LastRequestBody);
    }

    [Fact]
    public async Task Summary_ShowsMethodPathStatusAndTheBodysFirstLine()
    {
        var (client, _) = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("first line\nsecond line") });
        HttpExchange exchange;
        using (client)
        {
            exchange = await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/users/abc?x=1"));
        }

        Assert.Equal("GET /users/abc?x=1 → 400 Bad Request  first line", exchange.Summary());
    }

    [Fact]
    public async Task Body_TextResponse_IsDecodedAsUtf8()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ =>
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("naïve café")) });

        Assert.Equal("naïve café", exchange.Body);
    }

    [Fact]
    public async Task Json_BodyOfThatShape_IsDeserialisedFromCamelCase()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("""{"name":"pen","quantity":2}""", "application/json"));

        Assert.Equal(new Item("pen", 2), exchange.Json<Item>());
    }

    [Fact]
    public async Task Json_BodyThatIsNotJson_ThrowsWithTheTypeAndTheBody()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("Hello World!", "text/plain"));

        var error = Assert.Throws<InvalidOperationException>(() => exchange.Json<Item>());

        Assert.Contains("not a JSON Item", error.Message, StringComparison.Ordinal);
        Assert.Contains("Hello World!", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_BodyThatIsJsonNull_Throws()
    {
        var exchange = await SendAsync(new HttpRequestMessage(HttpMethod.Get, "/"), _ => Text("null", "application/json"));

        var error = Assert.Throws<InvalidOperationException>(() => exchange.Json<Item>());

        Assert.Contains("JSON null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_NullArguments_Throw()
    {
        using var client = new HttpClient();

        await Assert.ThrowsAsync<ArgumentNullException>(() => HttpExchange.SendAsync(null!, new HttpRequestMessage()));
        await Assert.ThrowsAsync<ArgumentNullException>(() => HttpExchange.SendAsync(client, null!));
    }

    private static async Task<HttpExchange> SendAsync(HttpRequestMessage request, Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var (client, _) = StubHandler.Client(respond);
        using (client)
        {
            return await HttpExchange.SendAsync(client, request);
        }
    }

    private static HttpResponseMessage Text(string body, string mediaType) =>
        new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, mediaType) };

    public sealed record Item(string Name, int Quantity);
}
