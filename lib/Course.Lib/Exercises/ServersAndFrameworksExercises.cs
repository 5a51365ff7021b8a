using System.Net;
using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>The exercises of notebook 01, servers and frameworks.</summary>
public static class ServersAndFrameworksExercises
{
    /// <summary>The reverse proxy's address in exercise 01.2.</summary>
    internal static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.2");

    /// <summary>A client on the internet, as the proxy reports it in exercise 01.2.</summary>
    internal static readonly IPAddress Client = IPAddress.Parse("203.0.113.7");

    /// <summary>A caller that is not the proxy and sends forged headers, in exercise 01.2.</summary>
    internal static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");

    /// <summary>
    /// 01.1: a raw app — one <see cref="RequestDelegate"/>, no routing, no framework — that answers
    /// <c>GET /ping</c> with <c>pong</c> and handles the other paths and methods as HTTP says.
    /// </summary>
    public static Exercise<RequestDelegate> RawApp { get; } = new(
        id: "01.1",
        title: "A raw app: GET /ping → pong",
        hint: """
            Everything is on the HttpContext: context.Request.Path and context.Request.Method to decide,
            context.Response.StatusCode, context.Response.ContentType and context.Response.Headers.Allow to answer,
            and await context.Response.WriteAsync("pong") for the body. Decide the path first (an unknown path is 404
            whatever the method), then the method (HttpMethods.IsGet). Set status and headers before writing the body.
            """,
        answers: ExerciseAnswers.Load("01.1"),
        cases:
        [
            new("GET /ping → 200, body \"pong\", Content-Type text/plain", async (app, token) =>
            {
                var exchange = (await SendToRawAppAsync(app, [(HttpMethod.Get, "/ping")], token))[0];
                Expect.Status(200, exchange);
                Expect.Equal("pong", exchange.Body, "the body of GET /ping");
                var contentType = exchange.Header("Content-Type");
                Expect.That(contentType is not null && contentType.StartsWith("text/plain", StringComparison.OrdinalIgnoreCase),
                    $"GET /ping should send Content-Type: text/plain, but sent {(contentType is null ? "no Content-Type header" : "Content-Type: " + contentType)}. " +
                    "Set context.Response.ContentType before writing the body.");
            }),
            new("GET /, GET /users and GET /ping/extra → 404", async (app, token) =>
            {
                foreach (var exchange in await SendToRawAppAsync(app, [(HttpMethod.Get, "/"), (HttpMethod.Get, "/users"), (HttpMethod.Get, "/ping/extra")], token))
                {
                    Expect.Status(404, exchange);
                    Expect.That(exchange.Body != "pong", $"GET {exchange.Uri.PathAndQuery} answered 404 but still sent the body \"pong\": only GET /ping says pong.");
                }
            }),
            new("POST /ping and DELETE /ping → 405 with Allow: GET", async (app, token) =>
            {
                foreach (var exchange in await SendToRawAppAsync(app, [(HttpMethod.Post, "/ping"), (HttpMethod.Delete, "/ping")], token))
                {
                    Expect.Status(405, exchange);
                    Expect.Header("Allow", "GET", exchange);
                }
            }),
            new("POST /nowhere → 404 (an unknown path is 404 whatever the method)", async (app, token) =>
            {
                var exchange = (await SendToRawAppAsync(app, [(HttpMethod.Post, "/nowhere")], token))[0];
                Expect.Status(404, exchange);
            }),
        ]);

    /// <summary>
    /// 01.2: configure the forwarded-headers middleware so the backend believes <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> only when they come from its reverse proxy.
    /// </summary>
    public static Exercise<Action<ForwardedHeadersOptions>> TrustTheProxy { get; } = new(
        id: "01.2",
        title: "Trust X-Forwarded-* only from the proxy",
        hint: """
            Two settings matter. ForwardedHeaders says which headers the middleware applies (it applies none by default):
            combine ForwardedHeaders.XForwardedFor and ForwardedHeaders.XForwardedProto with |. KnownProxies and
            KnownIPNetworks say whose headers to believe: by default only loopback (127.0.0.0/8 and ::1), so a proxy at
            10.0.0.2 is ignored until you add IPAddress.Parse("10.0.0.2") to KnownProxies — the address itself, not its network: KnownIPNetworks would also trust the other machines on 10.0.0.x. Emptying both lists believes
            everyone — including a stranger who forges the headers.
            """,
        answers: ExerciseAnswers.Load("01.2"),
        cases:
        [
            new("from the proxy 10.0.0.2, X-Forwarded-For: 203.0.113.7 and X-Forwarded-Proto: https → the backend sees 203.0.113.7 over https", async (configure, token) =>
            {
                var seen = await SendToBackendAsync(configure, from: Proxy, forwardedFor: Client.ToString(), forwardedProto: "https", token);
                Expect.That(seen.RemoteIp == Client.ToString(),
                    $"A request from the proxy {Proxy} saying X-Forwarded-For: {Client} should reach the endpoint with RemoteIpAddress {Client}, " +
                    $"but the endpoint saw {seen.RemoteIp}. {(seen.RemoteIp == Proxy.ToString() ? "The middleware did not believe the proxy: is X-Forwarded-For enabled, and is 10.0.0.2 a known proxy?" : "")}".TrimEnd());
                Expect.That(seen.Scheme == "https",
                    $"A request from the proxy saying X-Forwarded-Proto: https should reach the endpoint with Scheme https, but the endpoint saw {seen.Scheme}. Is ForwardedHeaders.XForwardedProto enabled?");
            }),
            new("from strangers (198.51.100.9, 45.33.32.156, 10.0.0.3) with forged X-Forwarded-For: 1.2.3.4 and X-Forwarded-Proto: https → ignored", async (configure, token) =>
            {
                foreach (var stranger in new[] { Stranger, IPAddress.Parse("45.33.32.156"), IPAddress.Parse("10.0.0.3") })
                {
                    var seen = await SendToBackendAsync(configure, from: stranger, forwardedFor: "1.2.3.4", forwardedProto: "https", token);
                    Expect.That(seen.RemoteIp == stranger.ToString() && seen.Scheme == "http",
                        $"A request straight from {stranger} (not the proxy) with forged headers should reach the endpoint unchanged " +
                        $"(RemoteIpAddress {stranger}, Scheme http), but the endpoint saw {seen.RemoteIp} over {seen.Scheme}: " +
                        "the middleware believes callers it should not. Trust only the proxy's address.");
                }
            }),
            new("from the proxy, with X-Forwarded-For: 6.6.6.6, 203.0.113.7 (the client forged the first entry) → the backend sees 203.0.113.7", async (configure, token) =>
            {
                var seen = await SendToBackendAsync(configure, from: Proxy, forwardedFor: $"6.6.6.6, {Client}", forwardedProto: "https", token);
                Expect.That(seen.RemoteIp == Client.ToString(),
                    $"The proxy appends the address it saw to whatever the client sent, so only the last entry ({Client}) is trustworthy; " +
                    $"the endpoint saw {seen.RemoteIp}. Keep ForwardLimit at 1 (the default), or trust only the proxy so the middleware stops at the first unknown address.");
            }),
        ]);

    /// <summary>The exercises of notebook 01, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [RawApp, TrustTheProxy];

    /// <summary>Hosts the learner's delegate alone on an in-memory server (Production: no developer exception page) and sends each request.</summary>
    private static async Task<IReadOnlyList<HttpExchange>> SendToRawAppAsync(RequestDelegate app, IReadOnlyList<(HttpMethod Method, string Path)> requests,
        CancellationToken token)
    {
        var server = await InMemoryServer.StartAsync(_ => { }, web => web.Run(app), "Production", token);
        await using (server)
        {
            var exchanges = new List<HttpExchange>();
            foreach (var (method, path) in requests)
            {
                exchanges.Add(await server.SendAsync(new HttpRequestMessage(method, path), token));
            }
            return exchanges;
        }
    }

    private sealed record WhatTheBackendSaw(string RemoteIp, string Scheme);

    private static async Task<WhatTheBackendSaw> SendToBackendAsync(Action<ForwardedHeadersOptions> configure, IPAddress from,
        string forwardedFor, string forwardedProto, CancellationToken token)
    {
        var server = await InMemoryServer.StartAsync(
            builder => builder.Services.Configure(configure),
            app =>
            {
                app.UseForwardedHeaders();
                app.Run(context => context.Response.WriteAsJsonAsync(
                    new WhatTheBackendSaw(context.Connection.RemoteIpAddress?.ToString() ?? "(none)", context.Request.Scheme), context.RequestAborted));
            },
            "Production", token);
        await using (server)
        {
            using var client = server.CreateClientFrom(from);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.TryAddWithoutValidation(RequestForwarder.ForwardedFor, forwardedFor);
            request.Headers.TryAddWithoutValidation(RequestForwarder.ForwardedProto, forwardedProto);
            var exchange = await HttpExchange.SendAsync(client, request, token);
            Expect.Status(200, exchange);
            return JsonSerializer.Deserialize<WhatTheBackendSaw>(exchange.Body, JsonSerializerOptions.Web)
                ?? throw new CheckFailedException("The backend answered JSON null.");
        }
    }
}
