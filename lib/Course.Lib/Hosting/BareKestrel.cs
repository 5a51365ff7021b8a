using Course.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Course.Hosting;

/// <summary>
/// Kestrel with nothing around it: no host, no DI, no middleware, no routing. The server is created by hand, given an
/// <see cref="IHttpApplication{TContext}"/> — the whole .NET "gateway" — and sent one request over a real socket.
/// </summary>
public static class BareKestrel
{
    /// <summary>
    /// Creates a <see cref="KestrelServer"/> listening on a free port of 127.0.0.1, starts it with
    /// <paramref name="application"/>, sends <c>GET <paramref name="path"/></c> to it, stops it, and returns the exchange.
    /// </summary>
    public static async Task<HttpExchange> GetAsync<TContext>(IHttpApplication<TContext> application, string path,
        CancellationToken cancellationToken = default) where TContext : notnull
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var server = new KestrelServer(
            Options.Create(new KestrelServerOptions()),
            new SocketTransportFactory(Options.Create(new SocketTransportOptions()), NullLoggerFactory.Instance),
            NullLoggerFactory.Instance);
        var addresses = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        addresses.Add("http://127.0.0.1:0");
        await server.StartAsync(application, cancellationToken);
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }); // straight to 127.0.0.1, even when HTTP_PROXY is set
            return await HttpExchange.SendAsync(client, new HttpRequestMessage(HttpMethod.Get, addresses.First() + path), cancellationToken);
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
        }
    }
}
