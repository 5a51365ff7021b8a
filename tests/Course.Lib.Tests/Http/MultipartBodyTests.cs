using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Course.Http;
using Course.Lib.Tests.Infrastructure;

namespace Course.Lib.Tests.Http;

public class MultipartBodyTests
{
    [Fact]
    public async Task RequestBody_MultipartForm_ShowsEachPartWithItsHeaders()
    {
        var form = new MultipartFormDataContent("test-boundary");
        form.Add(new StringContent("holiday"), "album");
        var text = new StringContent("hello");
        form.Add(text, "notes", "notes.txt");
        var image = new ByteArrayContent(new byte[1500]);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "files", "cat.png");

        var exchange = await SendAsync(form);

        var lines = exchange.RequestBody!.Split('\n');
        Assert.Equal("--test-boundary", lines[0]);
        Assert.Contains("Content-Disposition: form-data; name=album", lines);
        Assert.Contains("holiday", lines);
        Assert.Contains("hello", lines);
        Assert.Contains("Content-Type: image/png", lines);
        Assert.Contains("<1,500 bytes of image/png>", lines);
        Assert.Equal("--test-boundary--", lines[^1]);
        Assert.Equal(4, lines.Count(l => l.StartsWith("--test-boundary", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RequestBody_MultipartForm_StillReachesTheServerWhole()
    {
        var form = new MultipartFormDataContent("test-boundary") { { new StringContent("Ada"), "name" } };
        var (client, handler) = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/") { Content = form });
        }

        Assert.Contains("Ada", handler.LastRequestBody, StringComparison.Ordinal);
        Assert.EndsWith("--test-boundary--\r\n", handler.LastRequestBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestBody_FilePartWithoutContentType_IsTextOnlyWhenItsBytesAreText()
    {
        var form = new MultipartFormDataContent("test-boundary")
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("plain words")), "notes", "notes.txt" },
            { new ByteArrayContent([0x00, 0x01, 0x02, 0xFF]), "file", "a.bin" },
        };

        var exchange = await SendAsync(form);

        var lines = exchange.RequestBody!.Split('\n');
        Assert.Contains("plain words", lines);
        Assert.Contains("<4 bytes of unknown type>", lines);
    }

    [Fact]
    public async Task RequestBody_BrokenMultipart_FallsBackToItsSize()
    {
        var content = new ByteArrayContent(new byte[10]);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=nothing-like-this");

        var exchange = await SendAsync(content);

        Assert.Equal("<10 bytes of multipart/form-data>", exchange.RequestBody);
    }

    [Fact]
    public async Task RequestBody_MultipartWithAMalformedPartHeader_FallsBackToItsSize()
    {
        var bytes = Encoding.ASCII.GetBytes("--b\r\nnot a header line\r\n\r\nx\r\n--b--\r\n");
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var exchange = await SendAsync(content);

        Assert.Equal($"<{bytes.Length} bytes of multipart/form-data>", exchange.RequestBody);
    }

    private static async Task<HttpExchange> SendAsync(HttpContent content)
    {
        var (client, _) = StubHandler.Client(_ => new HttpResponseMessage(HttpStatusCode.OK));
        using (client)
        {
            return await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/upload") { Content = content });
        }
    }
}
