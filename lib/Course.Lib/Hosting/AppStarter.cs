using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Course.Hosting;

/// <summary>How the course's servers create, configure and start an app.</summary>
internal static class AppStarter
{
    /// <summary>
    /// <c>WebApplication.CreateBuilder</c> as <c>dotnet run</c> gives it (Development environment, content
    /// root = the current folder, the notebook's), without watching configuration files (one watcher per
    /// server would pile up in a long session) and without logging providers, so the framework's log
    /// lines do not land in cell output (<see cref="LogCapture"/> keeps them where a cell wants them). Request tracing
    /// is on, as a console logger or an OpenTelemetry SDK turns it on in a real app (<see cref="RequestTracing"/>).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string environment = "Development")
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            EnvironmentName = environment,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Logging.ClearProviders();
        RequestTracing.EnsureOn();
        return builder;
    }

    /// <summary>
    /// Lets <paramref name="configureBuilder"/> register services, builds the app, lets <paramref name="configure"/>
    /// set up its pipeline and starts it; disposes it if any step fails.
    /// </summary>
    public static async Task<WebApplication> StartAsync(WebApplicationBuilder builder, Action<WebApplicationBuilder> configureBuilder,
        Action<WebApplication> configure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configureBuilder);
        ArgumentNullException.ThrowIfNull(configure);
        configureBuilder(builder);
        var app = builder.Build();
        try
        {
            configure(app);
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
