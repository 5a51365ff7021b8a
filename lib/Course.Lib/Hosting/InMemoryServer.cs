using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Course.Hosting;

/// <summary>
/// Starts an ASP.NET Core app on the in-memory test server (Microsoft.AspNetCore.TestHost): the
/// whole framework — routing, middleware, services — with requests passed in memory instead of over
/// a socket. Each call starts an independent app.
/// </summary>
/// <example>
/// <code>
/// var api = await InMemoryServer.StartAsync(app => app.MapGet("/hello", () => "Hello"));
/// display(await api.GetAsync("/hello"));
/// await api.DisposeAsync(); // a notebook cell cannot declare `await using var` at its top level
/// </code>
/// </example>
public static class InMemoryServer
{
    /// <summary>Starts an app whose endpoints and middleware <paramref name="configure"/> sets up.</summary>
    public static Task<RunningApp> StartAsync(Action<WebApplication> configure, CancellationToken cancellationToken = default) =>
        StartAsync(_ => { }, configure, cancellationToken);

    /// <summary>
    /// Starts an app: <paramref name="configureBuilder"/> registers services and options,
    /// <paramref name="configure"/> sets up endpoints and middleware.
    /// </summary>
    public static Task<RunningApp> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configure,
        CancellationToken cancellationToken = default) =>
        StartAsync(configureBuilder, configure, "Development", cancellationToken);

    /// <summary>
    /// Starts an app in <paramref name="environment"/> (<c>Development</c>, <c>Production</c>, …): the environment decides,
    /// for example, whether an unhandled exception becomes the developer exception page. In <c>Production</c> nothing
    /// catches it unless the app adds exception handling, and the in-memory server hands it to the client's call (where
    /// Kestrel would send a bare 500) — which is how exercise checks, all run in <c>Production</c>, see it.
    /// </summary>
    public static async Task<RunningApp> StartAsync(Action<WebApplicationBuilder> configureBuilder, Action<WebApplication> configure,
        string environment, CancellationToken cancellationToken = default)
    {
        var builder = AppStarter.CreateBuilder(environment);
        // The test server runs the app on the caller's execution context, so AsyncLocal values
        // (and the notebook's cell state) flow into handlers as they would in a test.
        builder.WebHost.UseTestServer(options => options.PreserveExecutionContext = true);
        var app = await AppStarter.StartAsync(builder, configureBuilder, configure, cancellationToken);
        var server = app.GetTestServer();
        return new RunningApp(app, server.BaseAddress, server.CreateClient, server);
    }
}
