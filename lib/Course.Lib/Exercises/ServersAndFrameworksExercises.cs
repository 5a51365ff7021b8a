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
            new("GET /, /users, /ping/extra, /xping, /api/ping and /pingpong → 404 (only the exact path /ping)", async (app, token) =>
            {
                string[] paths = ["/", "/users", "/ping/extra", "/xping", "/api/ping", "/pingpong"];
                foreach (var exchange in await SendToRawAppAsync(app, [.. paths.Select(path => (HttpMethod.Get, path))], token))
                {
                    var path = exchange.Uri.AbsolutePath;
                    Expect.That(!(exchange.Status == 200 && path.Contains("ping", StringComparison.Ordinal)),
                        $"GET {path} should answer 404 Not Found, but answered 200 OK{ShowBody(exchange)}: only the exact path /ping is the ping endpoint. " +
                        "Compare the whole path (context.Request.Path == \"/ping\"), not its start, its end or a part of it.");
                    Expect.Status(404, exchange);
                    Expect.That(exchange.Body != "pong", $"GET {path} answered 404 but still sent the body \"pong\": only GET /ping says pong.");
                }
            }),
            new("POST, PUT, PATCH, DELETE and PURGE /ping → 405 with Allow: GET", async (app, token) =>
            {
                HttpMethod[] methods = [HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, new HttpMethod("PURGE")];
                foreach (var exchange in await SendToRawAppAsync(app, [.. methods.Select(method => (method, "/ping"))], token))
                {
                    Expect.That(exchange.Status is not (>= 200 and < 300),
                        $"{exchange.Method} /ping should answer 405 Method Not Allowed, but answered {(exchange.Status == 200 ? "200 OK" : exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}{ShowBody(exchange)}: every method but GET gets 405, " +
                        "including the ones you did not think of. Test for GET (HttpMethods.IsGet), not for a list of other methods.");
                    Expect.Status(405, exchange);
                    Expect.Header("Allow", "GET", exchange);
                    Expect.That(exchange.Body != "pong",
                        $"{exchange.Method} /ping answered 405 with Allow: GET but still sent the body \"pong\": after answering 405 the code went on " +
                        "to the GET branch. Return once the 405 is set: only GET /ping says pong.");
                }
            }),
            new("POST /nowhere and PUT /xping → 404 (an unknown path is 404 whatever the method)", async (app, token) =>
            {
                foreach (var exchange in await SendToRawAppAsync(app, [(HttpMethod.Post, "/nowhere"), (HttpMethod.Put, "/xping")], token))
                {
                    Expect.That(exchange.Status != 405,
                        $"{exchange.Method} {exchange.Uri.AbsolutePath} should answer 404 Not Found, but answered 405 Method Not Allowed: the path does not exist, " +
                        "so no method is allowed on it. Decide the path first, then the method.");
                    Expect.Status(404, exchange);
                }
            }),
            new("GET /ping?from=check → 200 \"pong\" (the query string is not part of the path)", async (app, token) =>
            {
                var exchange = (await SendToRawAppAsync(app, [(HttpMethod.Get, "/ping?from=check")], token))[0];
                Expect.That(exchange.Status != 404,
                    "GET /ping?from=check should answer 200 OK with \"pong\", but answered 404 Not Found: the path is /ping, and ?from=check is its query string, " +
                    "which is not part of the path. Compare context.Request.Path alone (it never includes the query string).");
                Expect.Status(200, exchange);
                Expect.Equal("pong", exchange.Body, "the body of GET /ping?from=check");
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
            Two questions decide it. What does the middleware apply? And whose word does it take for it?
            Each has its own property on ForwardedHeadersOptions: a flags enum that names the headers to apply (none by
            default; name only the two the task asks for), and the lists of known proxies and networks (loopback only by
            default, so the proxy at 10.0.0.2 is not believed yet). Trust the proxy's own address, not its network:
            other machines share 10.0.0.x. Emptying the lists believes everyone, strangers included.
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
                    seen.RemoteIp == Proxy.ToString()
                        ? $"The endpoint saw the proxy's own address, {Proxy}: the middleware applied nothing from X-Forwarded-For (the same cause as the first case)."
                        : $"The proxy appends the address it saw to whatever the client sent, so only the last entry ({Client}) is trustworthy; " +
                          $"the endpoint saw {seen.RemoteIp}, an entry the client wrote. Keep ForwardLimit at 1 (the default), or trust only the proxy so the middleware stops at the first unknown address.");
            }),
            new("from the proxy, with X-Forwarded-Host: evil.example and X-Forwarded-Prefix: /evil → Host and PathBase unchanged (only For and Proto are applied)", async (configure, token) =>
            {
                var seen = await SendToBackendAsync(configure, from: Proxy, forwardedFor: Client.ToString(), forwardedProto: "https", token,
                    (RequestForwarder.ForwardedHost, "evil.example"), ("X-Forwarded-Prefix", "/evil"));
                Expect.That(seen.Host != "evil.example",
                    "A request from the proxy carrying X-Forwarded-Host: evil.example reached the endpoint with Host evil.example: the middleware applies X-Forwarded-Host too, " +
                    "so links, redirects and host-based routing now follow a header. Apply only what the task asks for: ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, not ForwardedHeaders.All.");
                Expect.That(seen.PathBase.Length == 0,
                    $"A request from the proxy carrying X-Forwarded-Prefix: /evil reached the endpoint with PathBase {seen.PathBase}: the middleware applies X-Forwarded-Prefix too. " +
                    "Apply only X-Forwarded-For and X-Forwarded-Proto, not ForwardedHeaders.All.");
            }),
            new("uses the .NET 10 names: KnownProxies or KnownIPNetworks, not the obsolete KnownNetworks (ASPDEPR005)", configure =>
            {
                configure(new ForwardedHeadersOptions()); // the starter's NotImplementedException first
                Expect.That(!Calls(configure, typeof(ForwardedHeadersOptions), "get_KnownNetworks"),
                    "The answer uses ForwardedHeadersOptions.KnownNetworks, obsolete since .NET 10 (ASPDEPR005; a notebook does not show the " +
                    "compiler's warning, a project with warnings as errors fails to build): use KnownIPNetworks, which holds System.Net.IPNetwork " +
                    "values — or, for one proxy, KnownProxies.Add(IPAddress.Parse(\"10.0.0.2\")).");
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

    /// <summary>
    /// Whether the answer's own method body calls <paramref name="type"/>'s method <paramref name="name"/> (a property
    /// getter, for instance): its IL is scanned for <c>call</c> / <c>callvirt</c> and each operand resolved. Calls made by
    /// other methods the answer calls are not seen.
    /// </summary>
    private static bool Calls(Delegate answer, Type type, string name)
    {
        var method = answer.Method;
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            return false;
        }
        for (var i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] is not (0x28 or 0x6F)) // call, callvirt
            {
                continue;
            }
            try
            {
                var callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1),
                    method.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null,
                    method.IsGenericMethod ? method.GetGenericArguments() : null);
                if (callee is not null && callee.Name == name && callee.DeclaringType == type)
                {
                    return true;
                }
            }
            catch (Exception e) when (e is ArgumentException or BadImageFormatException or InvalidOperationException or NotSupportedException)
            {
                // Not a method token: a byte of some other operand that happens to look like call or callvirt.
            }
        }
        return false;
    }

    private static string ShowBody(HttpExchange exchange) =>
        exchange.Body.Length == 0 ? "" : exchange.Body.Length <= 60 ? $" (body: \"{exchange.Body}\")" : $" (body: \"{exchange.Body[..57]}...\")";

    private sealed record WhatTheBackendSaw(string RemoteIp, string Scheme, string Host, string PathBase);

    private static async Task<WhatTheBackendSaw> SendToBackendAsync(Action<ForwardedHeadersOptions> configure, IPAddress from,
        string forwardedFor, string forwardedProto, CancellationToken token, params (string Name, string Value)[] moreHeaders)
    {
        var server = await InMemoryServer.StartAsync(
            builder => builder.Services.Configure(configure),
            app =>
            {
                app.UseForwardedHeaders();
                app.Run(context => context.Response.WriteAsJsonAsync(
                    new WhatTheBackendSaw(context.Connection.RemoteIpAddress?.ToString() ?? "(none)", context.Request.Scheme,
                        context.Request.Host.Value ?? "", context.Request.PathBase.Value ?? ""), context.RequestAborted));
            },
            "Production", token);
        await using (server)
        {
            using var client = server.CreateClientFrom(from);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
            request.Headers.TryAddWithoutValidation(RequestForwarder.ForwardedFor, forwardedFor);
            request.Headers.TryAddWithoutValidation(RequestForwarder.ForwardedProto, forwardedProto);
            foreach (var (name, value) in moreHeaders)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
            var exchange = await HttpExchange.SendAsync(client, request, token);
            Expect.Status(200, exchange);
            return JsonSerializer.Deserialize<WhatTheBackendSaw>(exchange.Body, JsonSerializerOptions.Web)
                ?? throw new CheckFailedException("The backend answered JSON null.");
        }
    }
}
