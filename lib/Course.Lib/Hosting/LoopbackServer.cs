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

    /// <summary>
    /// Starts an app on Kestrel in Development: <paramref name="configureBuilder"/> registers services,
    /// <paramref name="configure"/> sets up the pipeline.
    /// </summary>
    public static Task<RunningApp> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configure,
        CancellationToken cancellationToken = default) =>
        StartAsync(configureBuilder, configure, "Development", cancellationToken);

    /// <summary>
    /// Starts an app on Kestrel in <paramref name="environment"/> (<c>Development</c>, <c>Production</c>, …), given to
    /// <c>WebApplication.CreateBuilder</c> as <c>ASPNETCORE_ENVIRONMENT</c> would be. Choose it here, not by setting
    /// <c>builder.Environment.EnvironmentName</c> in <paramref name="configureBuilder"/>: that changes the web host's
    /// environment (the developer exception page follows it) but not the <c>IHostEnvironment</c> the framework's options
    /// read, so minimal APIs would still throw <c>BadHttpRequestException</c> for an unreadable request
    /// (<c>RouteHandlerOptions.ThrowOnBadRequest</c>, on in Development) instead of answering <c>400</c>.
    /// </summary>
    public static async Task<RunningApp> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configure,
        string environment, CancellationToken cancellationToken = default)
    {
        var builder = AppStarter.CreateBuilder(environment);
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = await AppStarter.StartAsync(builder, configureBuilder, configure, cancellationToken);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        return new RunningApp(app, address, () => new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = address }, testServer: null);
    }
}
