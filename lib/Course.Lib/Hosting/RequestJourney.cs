using System.Diagnostics;
using Course.Display;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Hosting;

/// <summary>
/// Records the journey of requests through an app, step by step, with the time and thread of each step:
/// the server accepting a connection (<see cref="ObserveKestrel"/>), the host creating the
/// <see cref="HttpContext"/>, routing choosing an endpoint, the response going out and the host finishing
/// the request (<see cref="ObserveHost"/>), and whatever a cell's own middleware and endpoints add with
/// <see cref="Record"/>. Ending a cell with it shows the steps as a table.
/// </summary>
/// <remarks>
/// The host and routing steps come from the app's own <see cref="DiagnosticListener"/> ("Microsoft.AspNetCore"),
/// the events ASP.NET Core writes for tracing tools; the server steps from a Kestrel connection middleware.
/// </remarks>
[TypeFormatterSource(typeof(RequestJourneyFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class RequestJourney
{
    private const string RequestActivity = "Microsoft.AspNetCore.Hosting.HttpRequestIn";
    private const string RequestStarted = RequestActivity + ".Start";
    private const string RequestStopped = RequestActivity + ".Stop";
    private const string EndpointMatched = "Microsoft.AspNetCore.Routing.EndpointMatched";
    private static readonly TimeSpan s_waitLimit = TimeSpan.FromSeconds(10);

    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<JourneyStep> _steps = [];
    private long _firstTimestamp;
    private int _inFlight;
    private TaskCompletionSource _allFinished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Creates an empty journey; <paramref name="timeProvider"/> times the steps (the system clock when null).</summary>
    public RequestJourney(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The steps recorded so far, in order.</summary>
    public IReadOnlyList<JourneyStep> Steps
    {
        get
        {
            lock (_gate)
            {
                return [.. _steps];
            }
        }
    }

    /// <summary>Records a step: <paramref name="layer"/> (who acts) does <paramref name="description"/>.</summary>
    public void Record(string layer, string description)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(layer);
        ArgumentNullException.ThrowIfNull(description);
        var now = _time.GetTimestamp();
        lock (_gate)
        {
            if (_steps.Count == 0)
            {
                _firstTimestamp = now;
            }
            _steps.Add(new JourneyStep(_steps.Count + 1, _time.GetElapsedTime(_firstTimestamp, now), Environment.CurrentManagedThreadId, layer, description));
        }
    }

    /// <summary>Forgets the steps recorded so far (requests in flight are still followed).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _steps.Clear();
        }
    }

    /// <summary>
    /// Records when Kestrel accepts a connection: call it on the builder of an app that runs on Kestrel
    /// (<see cref="LoopbackServer"/>). It adds a connection middleware, the layer below HTTP.
    /// </summary>
    public void ObserveKestrel(WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen => listen.Use(next => async connection =>
        {
            Record("server", $"Kestrel accepts a TCP connection from {connection.RemoteEndPoint}");
            await next(connection);
        })));
    }

    /// <summary>
    /// Records what the host and routing do with each request of <paramref name="app"/>: call it while configuring
    /// the app, before it starts. Steps: the host creates the <see cref="HttpContext"/> from the server's features and
    /// runs the pipeline; routing matches an endpoint; the server sends the response headers and completes the response;
    /// the host ends the request.
    /// </summary>
    public void ObserveHost(IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var listener = app.ApplicationServices.GetRequiredService<DiagnosticListener>();
        listener.Subscribe(new HostObserver(this), name => name.StartsWith(RequestActivity, StringComparison.Ordinal) || name == EndpointMatched);
    }

    /// <summary>
    /// Completes when every request the host has started has also ended (the host's last step is recorded after the
    /// client already has the response, so wait for this before showing the journey). Waits for a first request when
    /// none has started yet.
    /// </summary>
    /// <exception cref="TimeoutException">No request ended within 10 seconds (was <see cref="ObserveHost"/> called?).</exception>
    public async Task WhenRequestsFinishedAsync(CancellationToken cancellationToken = default)
    {
        Task finished;
        lock (_gate)
        {
            finished = _allFinished.Task;
        }
        try
        {
            await finished.WaitAsync(s_waitLimit, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No request finished within {s_waitLimit.TotalSeconds:0} s. Was ObserveHost(app) called before the app started?");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join("\n", Steps);

    private void OnRequestStarted(HttpContext context)
    {
        lock (_gate)
        {
            if (_inFlight++ == 0 && _allFinished.Task.IsCompleted)
            {
                _allFinished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
        var request = context.Request;
        Record("host", $"builds an HttpContext from the server's features for {request.Method} {request.Path}{request.QueryString} {request.Protocol} and runs the pipeline");
        context.Response.OnStarting(() =>
        {
            Record("server", $"sends the status line and headers: {context.Response.StatusCode} {context.Response.ContentType}".TrimEnd());
            return Task.CompletedTask;
        });
        context.Response.OnCompleted(() =>
        {
            Record("server", "has sent the whole response");
            return Task.CompletedTask;
        });
    }

    private void OnRequestStopped(HttpContext context)
    {
        Record("host", $"ends the request ({context.Response.StatusCode}) and disposes the HttpContext");
        lock (_gate)
        {
            if (--_inFlight == 0)
            {
                _allFinished.TrySetResult();
            }
        }
    }

    private sealed class HostObserver(RequestJourney journey) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Value is not HttpContext context)
            {
                return;
            }
            switch (value.Key)
            {
                case RequestStarted:
                    journey.OnRequestStarted(context);
                    break;
                case EndpointMatched:
                    journey.Record("routing", $"matches the endpoint {Describe(context.GetEndpoint())}");
                    break;
                case RequestStopped:
                    journey.OnRequestStopped(context);
                    break;
            }
        }

        /// <summary>A route endpoint as "GET /users/{id:int}"; others by their display name.</summary>
        private static string Describe(Endpoint? endpoint) => endpoint switch
        {
            null => "(none)",
            RouteEndpoint route => $"{string.Join("|", route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {route.RoutePattern.RawText}".Trim(),
            _ => endpoint.DisplayName ?? "(unnamed)",
        };

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
