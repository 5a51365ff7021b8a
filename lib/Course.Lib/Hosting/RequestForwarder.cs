using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Course.Hosting;

/// <summary>
/// The heart of a proxy, small enough to read: takes the request an app received, sends a copy to
/// another server, and copies that server's response back. nginx's <c>proxy_pass</c> and YARP's
/// forwarder do this (plus load balancing, retries, streaming tuning and much more); a cell can build a
/// reverse proxy or a forward proxy with it.
/// </summary>
/// <example>
/// <code>
/// // A reverse proxy: every request goes to one backend the client never sees.
/// var proxy = await InMemoryServer.StartAsync(app =>
///     app.Run(context => RequestForwarder.ForwardAsync(context, backend.Client, backend.BaseAddress)));
/// </code>
/// </example>
public static class RequestForwarder
{
    /// <summary>The header a proxy appends the caller's address to (the <c>$proxy_add_x_forwarded_for</c> of nginx).</summary>
    public const string ForwardedFor = "X-Forwarded-For";

    /// <summary>The header that tells the backend which scheme the client used (<c>http</c> or <c>https</c>).</summary>
    public const string ForwardedProto = "X-Forwarded-Proto";

    /// <summary>The header that tells the backend which host name the client asked for.</summary>
    public const string ForwardedHost = "X-Forwarded-Host";

    // Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: a proxy does not pass them on.
    private static readonly HashSet<string> s_hopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.ProxyAuthenticate, HeaderNames.ProxyAuthorization,
        "Proxy-Connection", HeaderNames.TE, HeaderNames.Trailer, HeaderNames.TransferEncoding, HeaderNames.Upgrade,
    };

    /// <summary>
    /// Forwards <paramref name="context"/>'s request to <paramref name="destination"/> (same method, path, query,
    /// headers and body) through <paramref name="sender"/>, and writes the response it gets back. The destination's
    /// host name replaces the client's <c>Host</c>. With <paramref name="addForwardedHeaders"/> (the default, as a
    /// reverse proxy does), the request also carries <c>X-Forwarded-For</c> (the caller's address appended to any
    /// value the caller sent), <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c>. When the destination cannot be
    /// reached, the response is <c>502 Bad Gateway</c>, as from any proxy.
    /// </summary>
    /// <param name="context">The request to forward and the response to write.</param>
    /// <param name="sender">Sends to the destination: an <see cref="HttpClient"/>, or a test server's handler.</param>
    /// <param name="destination">The destination's base address, for example <c>http://backend:8080/</c>; a path in it is kept as a prefix.</param>
    /// <param name="addForwardedHeaders">Whether to tell the destination who the original client was.</param>
    public static async Task ForwardAsync(HttpContext context, HttpMessageInvoker sender, Uri destination, bool addForwardedHeaders = true)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(destination);

        using var request = CreateRequest(context, destination, addForwardedHeaders);
        HttpResponseMessage response;
        try
        {
            response = await sender.SendAsync(request, context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync($"502 Bad Gateway: {destination} did not answer ({e.Message})", context.RequestAborted);
            return;
        }
        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            CopyHeaders(response.Headers, context.Response.Headers);
            CopyHeaders(response.Content.Headers, context.Response.Headers);
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, Uri destination, bool addForwardedHeaders)
    {
        var incoming = context.Request;
        // The destination's own path is a prefix: /orders under http://backend/api/ goes to http://backend/api/orders.
        var target = new Uri(destination.GetLeftPart(UriPartial.Authority) + destination.AbsolutePath.TrimEnd('/') +
            incoming.PathBase.Add(incoming.Path).ToUriComponent() + incoming.QueryString.ToUriComponent());
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);
        if (incoming.ContentLength > 0 || incoming.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(incoming.Body);
        }
        foreach (var (name, values) in incoming.Headers)
        {
            if (s_hopByHop.Contains(name) || name.Equals(HeaderNames.Host, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }
        if (addForwardedHeaders)
        {
            var caller = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var previous = incoming.Headers[ForwardedFor].ToString();
            request.Headers.Remove(ForwardedFor);
            request.Headers.TryAddWithoutValidation(ForwardedFor, previous.Length == 0 ? caller : $"{previous}, {caller}");
            request.Headers.Remove(ForwardedProto);
            request.Headers.TryAddWithoutValidation(ForwardedProto, incoming.Scheme);
            request.Headers.Remove(ForwardedHost);
            request.Headers.TryAddWithoutValidation(ForwardedHost, incoming.Host.Value);
        }
        return request;
    }

    private static void CopyHeaders(System.Net.Http.Headers.HttpHeaders from, IHeaderDictionary to)
    {
        foreach (var (name, values) in from)
        {
            if (!s_hopByHop.Contains(name))
            {
                to[name] = values.ToArray();
            }
        }
    }
}
