using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Hosting;

/// <summary>
/// Starts an ASP.NET Core app on real Kestrel, listening on a free port of 127.0.0.1: real sockets,
/// real HTTP parsing, reachable from this machine only.
/// </summary>
public static class LoopbackServer
{
    /// <summary>Starts an app on Kestrel whose endpoints and middleware <paramref name="configure"/> sets up.</summary>
    public static Task<RunningApp> StartAsync(Action<WebApplication> configure, CancellationToken cancellationToken = default) =>
        StartAsync(_ => { }, configure, cancellationToken);

    /// <summary>Starts an app on Kestrel: <paramref name="configureBuilder"/> registers services, <paramref name="configure"/> sets up the pipeline.</summary>
    public static async Task<RunningApp> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configure,
        CancellationToken cancellationToken = default)
    {
        var builder = AppStarter.CreateBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = await AppStarter.StartAsync(builder, configureBuilder, configure, cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new RunningApp(app, address, () => new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address }, testServer: null);
    }
}
