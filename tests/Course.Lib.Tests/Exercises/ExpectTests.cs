using System.Net;
using Course.Exercises;
using Course.Http;
using Course.Lib.Tests.Infrastructure;

namespace Course.Lib.Tests.Exercises;

public class ExpectTests
{
    [Fact]
    public void That_FalseCondition_FailsWithTheMessage()
    {
        var error = Assert.Throws<CheckFailedException>(() => Expect.That(false, "The list should be sorted."));

        Assert.Equal("The list should be sorted.", error.Message);
        Expect.That(true, "not thrown");
    }

    [Fact]
    public void Equal_DifferentValues_SaysWhatWasExpectedAndWhatCame()
    {
        var error = Assert.Throws<CheckFailedException>(() => Expect.Equal("Hello, Ada!", "Hello Ada", "Greet(\"Ada\")"));

        Assert.Equal("Expected Greet(\"Ada\") to be \"Hello, Ada!\", but it was \"Hello Ada\".", error.Message);
    }

    [Fact]
    public void Equal_NullActual_SaysNull()
    {
        var error = Assert.Throws<CheckFailedException>(() => Expect.Equal("x", null));

        Assert.Equal("Expected the result to be \"x\", but it was null.", error.Message);
    }

    [Fact]
    public async Task Status_OtherStatus_NamesTheRequestBothStatusesAndTheBody()
    {
        var exchange = await ExchangeAsync(HttpStatusCode.NotFound, "no route");

        var error = Assert.Throws<CheckFailedException>(() => Expect.Status(200, exchange));

        Assert.Equal("GET /items should answer 200 OK, but answered 404 Not Found (body: no route).", error.Message);
    }

    [Fact]
    public async Task Status_Body_IsShownAsSent_NotEscaped()
    {
        var exchange = await ExchangeAsync(HttpStatusCode.OK, "[{\"name\":\"big.png\",\"size\":1025,\"note\":\"<größer>\"}]");

        var error = Assert.Throws<CheckFailedException>(() => Expect.Status(413, exchange));

        Assert.EndsWith("(body: [{\"name\":\"big.png\",\"size\":1025,\"note\":\"<größer>\"}]).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Equal_Strings_AreQuotedWithoutUnicodeEscapes()
    {
        var error = Assert.Throws<CheckFailedException>(() => Expect.Equal("say \"hi\"", "<größer>", "the greeting"));

        Assert.Equal("Expected the greeting to be \"say \\\"hi\\\"\", but it was \"<größer>\".", error.Message);
    }

    [Fact]
    public async Task Header_Missing_SaysItWasNotSent()
    {
        var exchange = await ExchangeAsync(HttpStatusCode.OK, "ok");

        var error = Assert.Throws<CheckFailedException>(() => Expect.Header("X-Served-By", "kestrel", exchange));

        Assert.Equal("GET /items should send the header X-Served-By: kestrel, but sent no X-Served-By header.", error.Message);
    }

    private static async Task<HttpExchange> ExchangeAsync(HttpStatusCode status, string body)
    {
        var (client, _) = StubHandler.Client(_ => new HttpResponseMessage(status) { Content = new StringContent(body) });
        using (client)
        {
            return await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/items"));
        }
    }
}
