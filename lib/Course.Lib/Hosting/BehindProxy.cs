using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Hosting;

/// <summary>
/// A backend behind a reverse proxy, both in memory: the proxy (nginx's <c>proxy_pass</c>, adding
/// <c>X-Forwarded-For/-Proto/-Host</c>, see <see cref="RequestForwarder"/>) reaches the backend from
/// <see cref="ProxyAddress"/>. Dispose it to stop both.
/// </summary>
public sealed class BehindProxy : IAsyncDisposable
{
    /// <summary>The address the backend sees the proxy connect from: 10.0.0.2.</summary>
    public static IPAddress ProxyAddress { get; } = IPAddress.Parse("10.0.0.2");

    private BehindProxy(RunningApp backend, RunningApp proxy) => (Backend, Proxy) = (backend, proxy);

    /// <summary>The app behind the proxy; call it directly to play a caller inside the network.</summary>
    public RunningApp Backend { get; }

    /// <summary>The proxy in front; call it with <c>CreateClientFrom(address)</c> to play a browser on the internet.</summary>
    public RunningApp Proxy { get; }

    /// <summary>
    /// Starts a backend (<paramref name="configureBackend"/> registers its services and options,
    /// <paramref name="backendPipeline"/> its middleware and endpoints) and a proxy in front of it.
    /// </summary>
    public static async Task<BehindProxy> StartAsync(Action<WebApplicationBuilder> configureBackend, Action<WebApplication> backendPipeline,
        CancellationToken cancellationToken = default)
    {
        var backend = await InMemoryServer.StartAsync(configureBackend, backendPipeline, cancellationToken);
        var backendAsSeenFromProxy = backend.CreateClientFrom(ProxyAddress);
        var proxy = await InMemoryServer.StartAsync(app =>
            app.Run(context => RequestForwarder.ForwardAsync(context, backendAsSeenFromProxy, backend.BaseAddress)), cancellationToken);
        return new BehindProxy(backend, proxy);
    }

    /// <summary>
    /// Maps an endpoint, on every path, that answers what the app knows of its caller: the connection's address, the
    /// scheme, and the <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Original-For</c> headers (the last set by
    /// <c>UseForwardedHeaders</c> when it applies <c>X-Forwarded-For</c>).
    /// </summary>
    public static void MapWhoIsCalling(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/{**path}", (HttpContext context) => new
        {
            remoteIp = context.Connection.RemoteIpAddress?.ToString(),
            scheme = context.Request.Scheme,
            xForwardedFor = context.Request.Headers["X-Forwarded-For"].ToString(),
            xForwardedProto = context.Request.Headers["X-Forwarded-Proto"].ToString(),
            xOriginalFor = context.Request.Headers["X-Original-For"].ToString(),
        });
    }

    /// <summary>What a browser on the internet sends to the site, through the proxy: <c>GET https://shop.example/orders/7</c>.</summary>
    public static HttpRequestMessage BrowserRequest() => new(HttpMethod.Get, "https://shop.example/orders/7");

    /// <summary>
    /// What reaches the backend directly, inside the network: plain http, with the <c>X-Forwarded-For</c> (and
    /// <c>X-Forwarded-Proto</c>) the caller chooses to send.
    /// </summary>
    public static HttpRequestMessage DirectRequest(string forwardedFor, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "http://backend.internal/orders/7");
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }
        return request;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
