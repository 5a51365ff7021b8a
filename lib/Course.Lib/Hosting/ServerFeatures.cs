using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Hosting;

/// <summary>
/// The feature objects a server hands to the app, compared between the in-memory test server and Kestrel: the four
/// that carry what an ASGI scope and its messages carry, the count of the others, and Kestrel's transport.
/// </summary>
public static class ServerFeatures
{
    /// <summary>The features that carry the request line, headers and body, the response, and the connection.</summary>
    public static IReadOnlyList<string> Carriers { get; } =
        ["IHttpRequestFeature", "IHttpResponseFeature", "IHttpResponseBodyFeature", "IHttpConnectionFeature"];

    /// <summary>
    /// Starts one app on the test server and one on Kestrel (loopback), records <c>HttpContext.Features</c> — each
    /// feature interface with the class that implements it — during one request to each, and returns a table of the
    /// <see cref="Carriers"/>, then the counts and Kestrel's transport (its <see cref="IConnectionListenerFactory"/>).
    /// </summary>
    public static async Task<string> CompareAsync(CancellationToken cancellationToken = default)
    {
        var seen = new ConcurrentDictionary<string, Dictionary<string, string>>();
        RequestDelegate record = context =>
        {
            seen[context.RequestServices.GetRequiredService<IServer>().GetType().Name] =
                context.Features.ToDictionary(f => f.Key.Name, f => f.Value.GetType().Name.Split('`')[0]);
            return Task.CompletedTask;
        };
        var inMemory = await InMemoryServer.StartAsync(app => app.Run(record), cancellationToken);
        var kestrel = await LoopbackServer.StartAsync(app => app.Run(record), cancellationToken);
        Type transport;
        try
        {
            await inMemory.GetAsync("/", cancellationToken);
            await kestrel.GetAsync("/", cancellationToken);
            transport = kestrel.Services.GetRequiredService<IConnectionListenerFactory>().GetType();
        }
        finally
        {
            await inMemory.DisposeAsync();
            await kestrel.DisposeAsync();
        }
        var test = seen["TestServer"];
        var onKestrel = seen["KestrelServerImpl"];
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{"feature",-26} {"TestServer implements it with",-30} Kestrel implements it with\n");
        foreach (var name in Carriers)
        {
            table.Append(CultureInfo.InvariantCulture, $"{name,-26} {test.GetValueOrDefault(name, "—"),-30} {onKestrel.GetValueOrDefault(name, "—")}\n");
        }
        var others = test.Keys.Union(onKestrel.Keys).Except(Carriers).Count();
        table.Append(CultureInfo.InvariantCulture, $"… and {others} other features (TestServer has {test.Count}, Kestrel {onKestrel.Count} in all)\n");
        table.Append(CultureInfo.InvariantCulture, $"Kestrel's transport: {transport.FullName}, from {transport.Assembly.GetName().Name}");
        return table.ToString();
    }
}
