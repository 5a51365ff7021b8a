namespace Course.Lib.Tests.Infrastructure;

/// <summary>An HTTP handler that answers every request with the response a test builds, and keeps the last request.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public HttpRequestMessage? LastRequest { get; private set; }

    public string? LastRequestBody { get; private set; }

    /// <summary>A client whose requests this handler answers, with <c>http://example.test/</c> as its base address.</summary>
    public static (HttpClient Client, StubHandler Handler) Client(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        var handler = new StubHandler(respond);
        return (new HttpClient(handler) { BaseAddress = new Uri("http://example.test/") }, handler);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        LastRequestBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var response = respond(request);
        response.RequestMessage = request;
        return response;
    }
}
