using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Course.Display;

namespace Course.Http;

/// <summary>
/// One HTTP request and its response, read in full, shown the way they travel on the wire: the
/// request line and headers, the status line and headers, and the body (JSON pretty-printed).
/// Cells get one from <c>api.GetAsync("/path")</c> or <see cref="SendAsync"/>; ending a cell with it
/// shows the exchange.
/// </summary>
[TypeFormatterSource(typeof(HttpExchangeFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class HttpExchange
{
    private HttpExchange(HttpMethod method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> requestHeaders, string? requestBody,
        Version version, HttpStatusCode statusCode, string? reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers, string body)
    {
        Method = method;
        Uri = uri;
        RequestHeaders = requestHeaders;
        RequestBody = requestBody;
        Version = version;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Headers = headers;
        Body = body;
    }

    /// <summary>An exchange from its parts, for one that was recorded rather than sent (see <c>FastApiApp</c>).</summary>
    internal static HttpExchange FromParts(HttpMethod method, Uri uri, IReadOnlyList<KeyValuePair<string, string>> requestHeaders, string? requestBody,
        Version version, HttpStatusCode statusCode, string? reasonPhrase, IReadOnlyList<KeyValuePair<string, string>> headers, string body) =>
        new(method, uri, requestHeaders, requestBody, version, statusCode, reasonPhrase, headers, body);

    /// <summary>The request's method.</summary>
    public HttpMethod Method { get; }

    /// <summary>The request's absolute URI.</summary>
    public Uri Uri { get; }

    /// <summary>The request's headers, content headers included, in the order they were set.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequestHeaders { get; }

    /// <summary>
    /// The request's body as text, or null when it had none: a <c>multipart/form-data</c> body part by part (form fields and
    /// text files as text, binary files as <c>&lt;N bytes of type&gt;</c>), another binary body as <c>&lt;N bytes of type&gt;</c>.
    /// </summary>
    public string? RequestBody { get; }

    /// <summary>The HTTP version the exchange used on the wire (the response's; the request line shows it too).</summary>
    public Version Version { get; }

    /// <summary>The response's status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The status code as a number, for example 404.</summary>
    public int Status => (int)StatusCode;

    /// <summary>The reason phrase, for example <c>Not Found</c>.</summary>
    public string? ReasonPhrase { get; }

    /// <summary>The response's headers, content headers included.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    /// <summary>The response's body as text (a binary body as <c>&lt;N bytes of type&gt;</c>; empty when there was none).</summary>
    public string Body { get; }

    /// <summary>
    /// The cookies the response sets, one per <c>Set-Cookie</c> header, with their attributes parsed
    /// (<c>HttpOnly</c>, <c>Secure</c>, <c>SameSite</c>, <c>Path</c>, …).
    /// </summary>
    public IReadOnlyList<ResponseCookie> SetCookies =>
    [
        .. Headers.Where(h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            .Select(h => ResponseCookie.Parse(h.Value))
            .OfType<ResponseCookie>(),
    ];

    /// <summary>The value of a response header (several values joined by <c>", "</c>), or null.</summary>
    public string? Header(string name)
    {
        var values = Headers.Where(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value).ToList();
        return values.Count == 0 ? null : string.Join(", ", values);
    }

    /// <summary>The body parsed as JSON (camelCase names match properties case-insensitively).</summary>
    /// <exception cref="InvalidOperationException">The body is not JSON of that shape.</exception>
    public T Json<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(Body, JsonSerializerOptions.Web)
                ?? throw new InvalidOperationException($"The response body is JSON null, not a {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"The response body is not a JSON {typeof(T).Name}: {e.Message} Body: {Shorten(Body)}", e);
        }
    }

    /// <summary>Sends <paramref name="request"/> with <paramref name="client"/> and reads the whole response.</summary>
    public static async Task<HttpExchange> SendAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        // Read (and so buffered) before sending: the content is sent from the buffer afterwards.
        var requestBody = request.Content is null ? null : await ReadBodyAsync(request.Content, cancellationToken);
        using var response = await client.SendAsync(request, cancellationToken);
        var body = await ReadBodyAsync(response.Content, cancellationToken);
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute
            ? absolute
            : new Uri(client.BaseAddress ?? new Uri("http://localhost/"), request.RequestUri ?? new Uri("/", UriKind.Relative));
        return new HttpExchange(request.Method, uri, Flatten(request.Headers, request.Content?.Headers), requestBody,
            response.Version, response.StatusCode, response.ReasonPhrase, Flatten(response.Headers, response.Content.Headers), body);
    }

    /// <summary>A request's headers and body as an exchange would show them, without sending it (see <c>FastApiApp</c>'s recordings).</summary>
    internal static async Task<(IReadOnlyList<KeyValuePair<string, string>> Headers, string? Body)> DescribeRequestAsync(HttpRequestMessage request,
        CancellationToken cancellationToken) =>
        (Flatten(request.Headers, request.Content?.Headers), request.Content is null ? null : await ReadBodyAsync(request.Content, cancellationToken));

    /// <summary>
    /// The exchange on one line: <c>GET /users/abc → 400 Bad Request</c>, then the body's first line (shortened), if any —
    /// for cells that compare several requests.
    /// </summary>
    public string Summary()
    {
        var firstLine = Body.Split('\n', 2)[0].TrimEnd('\r');
        var reason = ReasonPhrase ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(Status);
        var line = $"{Method} {Uri.PathAndQuery} → {Status} {reason}".TrimEnd();
        return firstLine.Length == 0 ? line : $"{line}  {(firstLine.Length <= 150 ? firstLine : firstLine[..150] + "…")}";
    }

    /// <summary>The exchange as text: request line, headers, body; a blank line; status line, headers, body.</summary>
    public override string ToString() => RequestText + "\n\n" + ResponseText;

    /// <summary>The request as on the wire: <c>GET /path?query HTTP/1.1</c>, headers, body.</summary>
    internal string RequestText => Message($"{Method} {Uri.PathAndQuery} HTTP/{Version.ToString(2)}",
        RequestHeaders.Any(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)) ? RequestHeaders : [new("Host", Uri.Authority), .. RequestHeaders],
        RequestBody);

    /// <summary>The response as on the wire: <c>HTTP/1.1 200 OK</c>, headers, body.</summary>
    internal string ResponseText => Message(
        $"HTTP/{Version.ToString(2)} {Status} {ReasonPhrase ?? Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(Status)}".TrimEnd(),
        Headers, Body);

    private static string Message(string startLine, IReadOnlyList<KeyValuePair<string, string>> headers, string? body)
    {
        var text = new StringBuilder(startLine);
        foreach (var (name, value) in headers)
        {
            text.Append('\n').Append(name).Append(": ").Append(value);
        }
        if (!string.IsNullOrEmpty(body))
        {
            text.Append("\n\n").Append(PrettyBody(body, headers));
        }
        return text.ToString();
    }

    private static string PrettyBody(string body, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? "";
        if (!contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return body;
        }
        try
        {
            return JsonNode.Parse(body)?.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static List<KeyValuePair<string, string>> Flatten(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in contentHeaders is null ? headers : headers.Concat(contentHeaders))
        {
            // One Set-Cookie line per cookie, as on the wire; other repeated headers joined with commas.
            if (name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                result.AddRange(values.Select(value => new KeyValuePair<string, string>(name, value)));
            }
            else
            {
                result.Add(new(name, string.Join(", ", values)));
            }
        }
        return result;
    }

    private static async Task<string> ReadBodyAsync(HttpContent content, CancellationToken cancellationToken)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        if (bytes.Length == 0)
        {
            return "";
        }
        var mediaType = content.Headers.ContentType?.MediaType ?? "";
        if (BodyText.LooksTextual(mediaType))
        {
            return Encoding.UTF8.GetString(bytes);
        }
        return await MultipartBody.RenderAsync(bytes, content.Headers.ContentType?.ToString(), cancellationToken)
            ?? BodyText.Binary(bytes.Length, mediaType);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
