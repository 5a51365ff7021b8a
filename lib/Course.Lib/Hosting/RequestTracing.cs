using System.Diagnostics;

namespace Course.Hosting;

/// <summary>
/// Listens to ASP.NET Core's request activities, as a logging provider or an OpenTelemetry SDK does in a real app. ASP.NET
/// Core starts a request <see cref="Activity"/> only when something listens; with one, a problem details
/// <c>traceId</c> is the request's W3C trace id (<c>00-…-…-00</c>) instead of the server's own connection-based id.
/// </summary>
internal static class RequestTracing
{
    private static readonly Lazy<ActivityListener> s_listener = new(() =>
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            // Ids and propagation only: nothing records or exports the activities.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.PropagationData,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    });

    /// <summary>Starts listening, once per process.</summary>
    public static void EnsureOn() => _ = s_listener.Value;
}
