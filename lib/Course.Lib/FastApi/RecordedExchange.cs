using System.Net;
using System.Text.Json.Serialization;
using Course.Http;

namespace Course.FastApi;

/// <summary>One exchange with a FastAPI app as a recording keeps it: what a replay matches on and what it shows.</summary>
internal sealed record RecordedExchange(
    [property: JsonPropertyName("method")] string Method,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("requestHeaders")] IReadOnlyList<string> RequestHeaders,
    [property: JsonPropertyName("requestBody")] string? RequestBody,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("headers")] IReadOnlyList<string> Headers,
    [property: JsonPropertyName("body")] string Body)
{
    // Headers that differ from run to run (the port in Host, the time in Date), or that are set only as a request is sent.
    private static readonly string[] s_varyingInRequests = ["Host", "Content-Length"];
    private static readonly string[] s_varyingInResponses = ["Date"];

    // A recording keeps the path and query only (the port changes from run to run); a replay shows them on uvicorn's default address.
    private static readonly Uri s_replayed = new("http://127.0.0.1:8000/");

    public static RecordedExchange From(HttpExchange exchange) => new(
        exchange.Method.Method,
        exchange.Uri.PathAndQuery,
        Keep(exchange.RequestHeaders, s_varyingInRequests),
        exchange.RequestBody,
        exchange.Version.ToString(2),
        exchange.Status,
        exchange.ReasonPhrase,
        OnTheReplayAddress(Keep(exchange.Headers, s_varyingInResponses), exchange.Uri),
        exchange.Body);

    public HttpExchange ToExchange() => HttpExchange.FromParts(
        new HttpMethod(Method), new Uri(s_replayed, Path), Pairs(RequestHeaders), RequestBody,
        System.Version.Parse(Version), (HttpStatusCode)Status, Reason, Pairs(Headers), Body);

    /// <summary>What identifies the request: method, path and query, headers and body (not the port).</summary>
    [JsonIgnore]
    public string RequestKey => KeyOf(Method, Path, RequestHeaders, RequestBody);

    /// <summary>The <see cref="RequestKey"/> of a request that has not been sent.</summary>
    public static string KeyOf(string method, string pathAndQuery, IEnumerable<KeyValuePair<string, string>> headers, string? body) =>
        KeyOf(method, pathAndQuery, Keep(headers, s_varyingInRequests), body);

    private static string KeyOf(string method, string pathAndQuery, IEnumerable<string> headers, string? body) =>
        $"{method} {pathAndQuery}\n{Lines(headers)}\n\n{body}";

    /// <summary>What a live run must answer again: status, headers (not Date) and body.</summary>
    [JsonIgnore]
    public string ResponseText => $"{Status} {Reason}\n{Lines(Headers)}\n\n{Body}";

    // Each header as on the wire, "Name: value".
    private static string[] Keep(IEnumerable<KeyValuePair<string, string>> headers, string[] varying) =>
        [.. headers.Where(h => !varying.Contains(h.Key, StringComparer.OrdinalIgnoreCase)).Select(h => $"{h.Key}: {h.Value}")];

    private static List<KeyValuePair<string, string>> Pairs(IEnumerable<string> headers) =>
        [.. headers.Select(h => h.Split(": ", 2)).Select(p => new KeyValuePair<string, string>(p[0], p.ElementAtOrDefault(1) ?? ""))];

    // A redirect's Location names the live app's address, whose port changes from run to run: it is kept on the replay address.
    private static string[] OnTheReplayAddress(string[] headers, Uri uri)
    {
        var live = $"Location: {uri.GetLeftPart(UriPartial.Authority)}/";
        var replayed = $"Location: {s_replayed.GetLeftPart(UriPartial.Authority)}/";
        return [.. headers.Select(h => h.StartsWith(live, StringComparison.OrdinalIgnoreCase) ? replayed + h[live.Length..] : h)];
    }

    // Names compared without case, as HTTP does.
    private static string Lines(IEnumerable<string> headers) =>
        string.Join("\n", headers.Select(h => h.Split(": ", 2)).Select(p => $"{p[0].ToLowerInvariant()}: {p.ElementAtOrDefault(1)}"));
}
