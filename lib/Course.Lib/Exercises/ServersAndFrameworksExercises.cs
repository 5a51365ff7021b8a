using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>Exercise 01.3's singleton: one instance counts the views of every path, called by many requests at once.</summary>
public interface IPageViews
{
    /// <summary>Counts one view of <paramref name="path"/>; called by many requests on many threads at once.</summary>
    void Record(string path);

    /// <summary>How many views of <paramref name="path"/> were recorded; 0 for a path never recorded.</summary>
    int Count(string path);
}

/// <summary>The exercises of notebook 01, servers and frameworks.</summary>
public static class ServersAndFrameworksExercises
{
    /// <summary>Exercise 01.2's nginx, beside the app: the hop that connects to it.</summary>
    internal static readonly IPAddress Nginx = IPAddress.Parse("10.0.0.5");

    /// <summary>Exercise 01.2's CDN: every edge server's address is in this published range.</summary>
    internal static readonly System.Net.IPNetwork CdnEdges = System.Net.IPNetwork.Parse("203.0.113.0/24");

    /// <summary>Exercise 01.2's real clients on the internet, each with the CDN edge that served it.</summary>
    internal static readonly (IPAddress Client, IPAddress Edge)[] ThroughTheCdn =
    [
        (IPAddress.Parse("198.51.100.23"), IPAddress.Parse("203.0.113.45")),
        (IPAddress.Parse("192.0.2.80"), IPAddress.Parse("203.0.113.200")),
    ];

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
            new("POST, PUT, PATCH, DELETE and PURGE /ping → 405 with Allow: GET (or Allow: GET, HEAD when HEAD /ping answers 200)", async (app, token) =>
            {
                HttpMethod[] methods = [HttpMethod.Post, HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete, new HttpMethod("PURGE")];
                var head = (await SendToRawAppAsync(app, [(HttpMethod.Head, "/ping")], token))[0];
                var servesHead = head.Status == 200; // the body a HEAD answer writes is dropped by a real server
                foreach (var exchange in await SendToRawAppAsync(app, [.. methods.Select(method => (method, "/ping"))], token))
                {
                    Expect.That(exchange.Status is not (>= 200 and < 300),
                        $"{exchange.Method} /ping should answer 405 Method Not Allowed, but answered {(exchange.Status == 200 ? "200 OK" : exchange.Status.ToString(System.Globalization.CultureInfo.InvariantCulture))}{ShowBody(exchange)}: every method but GET gets 405, " +
                        "including the ones you did not think of. Test for GET (HttpMethods.IsGet), not for a list of other methods.");
                    Expect.Status(405, exchange);
                    var allowed = (exchange.Header("Allow") ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (!(servesHead && allowed.Length == 2 && allowed.Contains("GET") && allowed.Contains("HEAD")))
                    {
                        Expect.That(!allowed.Contains("HEAD"),
                            $"{exchange.Method} /ping sent Allow: {exchange.Header("Allow")}, but HEAD /ping answered {head.Status}{ShowBody(head)}: Allow lists the " +
                            "methods the resource answers. Either answer HEAD /ping as GET (200; a server sends no body with it) and send Allow: GET, HEAD, " +
                            "or answer GET only and send Allow: GET.");
                        Expect.Header("Allow", "GET", exchange);
                    }
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
    /// 01.2: the app sits behind a CDN (edges in a published range) and an nginx beside it. Configure the
    /// forwarded-headers middleware so the app sees the real client's address and scheme, and believes no one else.
    /// </summary>
    public static Exercise<Action<ForwardedHeadersOptions>> TrustTheProxy { get; } = new(
        id: "01.2",
        title: "Behind a CDN and nginx: the real client, and nobody else",
        hint: """
            Walk X-Forwarded-For from the right, as the middleware does: the app's caller is nginx; if you believe it,
            it names the CDN edge that called it; if you believe that edge, it names the client. Then ask: how many
            addresses does each hop have, one or a whole published range? Which list takes one address, and which a
            range, exactly as wide as published? How many X-Forwarded-For entries must be applied, and what does
            ForwardLimit apply when you leave it alone (section 6 shows two hops)? The headers to apply are a flags
            enum: which two does the task name? And what do empty lists believe?
            """,
        answers: ExerciseAnswers.Load("01.2"),
        cases:
        [
            new("clients through the CDN and nginx: X-Forwarded-For \"198.51.100.23, 203.0.113.45\" (and \"192.0.2.80, 203.0.113.200\"), X-Forwarded-Proto https, from nginx 10.0.0.5 → the app sees the client over https", async (configure, token) =>
            {
                var options = Configured(configure);
                foreach (var (client, edge) in ThroughTheCdn)
                {
                    var seen = await SendToBackendAsync(configure, from: Nginx, forwardedFor: $"{client}, {edge}", forwardedProto: "https", token);
                    Expect.That(seen.RemoteIp == client.ToString(),
                        $"A request from the client {client}, through the CDN edge {edge} and nginx {Nginx} (X-Forwarded-For: {client}, {edge}), " +
                        $"should reach the endpoint with RemoteIpAddress {client}, but the endpoint saw {seen.RemoteIp}. " +
                        WhyNotTheClient(options, seen.RemoteIp, edge));
                    Expect.That(seen.Scheme == "https",
                        $"The client used https (X-Forwarded-Proto: https), but the endpoint saw Scheme {seen.Scheme}. Is ForwardedHeaders.XForwardedProto enabled?");
                }
            }),
            new("a client that forged X-Forwarded-For: 6.6.6.6 (the CDN appends to it): \"6.6.6.6, 198.51.100.23, 203.0.113.45\" from nginx → the app sees 198.51.100.23", async (configure, token) =>
            {
                var options = Configured(configure);
                var (client, edge) = ThroughTheCdn[0];
                var seen = await SendToBackendAsync(configure, from: Nginx, forwardedFor: $"6.6.6.6, {client}, {edge}", forwardedProto: "https", token);
                Expect.That(seen.RemoteIp == client.ToString(),
                    seen.RemoteIp == "6.6.6.6"
                        ? $"The endpoint saw 6.6.6.6, an entry the client wrote: each proxy appends the address it saw, so everything left of the CDN's entry ({client}) " +
                          $"is the client's own text. The middleware went one hop too far: it treated the client {client} as a proxy" +
                          (TrustsAnyone(options) ? " because KnownProxies and KnownIPNetworks are empty, which trusts anyone" : "") +
                          $" (ForwardLimit {(options.ForwardLimit is { } limit ? limit.ToString() : "null: no limit")}). Trust only nginx and the CDN, and apply two entries: ForwardLimit = 2."
                        : $"The endpoint saw {seen.RemoteIp}, not the client {client}. " + WhyNotTheClient(options, seen.RemoteIp, edge));
            }),
            new("callers that are neither nginx nor a CDN edge, with forged headers → not believed: 198.51.100.9 and nginx's neighbours 10.0.0.6 and 10.0.0.4 calling the app, 203.0.114.7 and 203.0.112.9 (outside the CDN's range) calling nginx", async (configure, token) =>
            {
                var options = Configured(configure);
                foreach (var stranger in new[] { IPAddress.Parse("198.51.100.9"), IPAddress.Parse("10.0.0.6"), IPAddress.Parse("10.0.0.4") })
                {
                    var seen = await SendToBackendAsync(configure, from: stranger, forwardedFor: "1.2.3.4", forwardedProto: "https", token);
                    Expect.That(seen.RemoteIp == stranger.ToString() && seen.Scheme == "http",
                        $"A request straight from {stranger} (neither nginx nor a CDN edge) with forged X-Forwarded-For: 1.2.3.4 and X-Forwarded-Proto: https " +
                        $"should reach the endpoint unchanged (RemoteIpAddress {stranger}, Scheme http), but the endpoint saw {seen.RemoteIp} over {seen.Scheme}: " +
                        TooTrusting(options, stranger));
                }
                foreach (var bypass in new[] { IPAddress.Parse("203.0.114.7"), IPAddress.Parse("203.0.112.9") })
                {
                    var throughNginx = await SendToBackendAsync(configure, from: Nginx, forwardedFor: $"1.2.3.4, {bypass}", forwardedProto: null, token);
                    Expect.That(throughNginx.RemoteIp == bypass.ToString(),
                        $"{bypass}, just outside the CDN's range {CdnEdges}, called nginx directly, claiming to forward for 1.2.3.4 (nginx appended its address: " +
                        $"X-Forwarded-For: 1.2.3.4, {bypass}). The endpoint should see {bypass}, but saw {throughNginx.RemoteIp}: " +
                        (throughNginx.RemoteIp == Nginx.ToString() ? "the middleware did not believe nginx (see the first case)." : TooTrusting(options, bypass)));
                }
            }),
            new("from nginx, with X-Forwarded-Host: evil.example and X-Forwarded-Prefix: /evil → Host and PathBase unchanged (only For and Proto are applied)", async (configure, token) =>
            {
                var (client, edge) = ThroughTheCdn[0];
                var seen = await SendToBackendAsync(configure, from: Nginx, forwardedFor: $"{client}, {edge}", forwardedProto: "https", token,
                    (RequestForwarder.ForwardedHost, "evil.example"), ("X-Forwarded-Prefix", "/evil"));
                Expect.That(seen.Host != "evil.example",
                    "A request from nginx carrying X-Forwarded-Host: evil.example reached the endpoint with Host evil.example: the middleware applies X-Forwarded-Host too, " +
                    "so links, redirects and host-based routing now follow a header. Apply only what the task asks for: ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, not ForwardedHeaders.All.");
                Expect.That(seen.PathBase.Length == 0,
                    $"A request from nginx carrying X-Forwarded-Prefix: /evil reached the endpoint with PathBase {seen.PathBase}: the middleware applies X-Forwarded-Prefix too. " +
                    "Apply only X-Forwarded-For and X-Forwarded-Proto, not ForwardedHeaders.All.");
            }),
            new("uses the .NET 10 names: KnownProxies or KnownIPNetworks, not the obsolete KnownNetworks (ASPDEPR005)", configure =>
            {
                configure(new ForwardedHeadersOptions()); // the starter's NotImplementedException first
                Expect.That(!Calls(configure, typeof(ForwardedHeadersOptions), "get_KnownNetworks"),
                    "The answer uses ForwardedHeadersOptions.KnownNetworks, obsolete since .NET 10 (ASPDEPR005; a notebook does not show the " +
                    "compiler's warning, a project with warnings as errors fails to build): use KnownIPNetworks, which holds System.Net.IPNetwork " +
                    "values: KnownIPNetworks.Add(System.Net.IPNetwork.Parse(\"203.0.113.0/24\")).");
            }),
        ]);

    /// <summary>The answer's options, as the middleware will get them (the starter's NotImplementedException propagates).</summary>
    private static ForwardedHeadersOptions Configured(Action<ForwardedHeadersOptions> configure)
    {
        var options = new ForwardedHeadersOptions();
        configure(options);
        return options;
    }

#pragma warning disable ASPDEPR005 // an answer may still fill the obsolete list, which the middleware reads too
    private static bool TrustsAnyone(ForwardedHeadersOptions options) =>
        options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0 && options.KnownNetworks.Count == 0;

    private static bool Trusts(ForwardedHeadersOptions options, IPAddress address) =>
        TrustsAnyone(options) || options.KnownProxies.Contains(address) || options.KnownIPNetworks.Any(n => n.Contains(address)) ||
        options.KnownNetworks.Any(n => n.Contains(address));
#pragma warning restore ASPDEPR005

    /// <summary>Why a request through the CDN and nginx did not reach the endpoint as the client's: which hop was not believed.</summary>
    private static string WhyNotTheClient(ForwardedHeadersOptions options, string seen, IPAddress edge)
    {
        if (seen == Nginx.ToString())
        {
            return !options.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedFor)
                ? $"The middleware applied nothing: ForwardedHeaders is {options.ForwardedHeaders}, without XForwardedFor (None by default)."
                : $"The middleware did not believe nginx ({Nginx}), the hop that connects to the app, so it applied nothing: {Nginx} is not a known proxy " +
                  $"(KnownProxies: {string.Join(", ", options.KnownProxies)}; KnownIPNetworks: {string.Join(", ", options.KnownIPNetworks)}). Trust nginx's own address.";
        }
        if (seen == edge.ToString())
        {
            return options.ForwardLimit == 1
                ? $"The middleware believed nginx and applied its entry, the CDN edge {edge}, then stopped: ForwardLimit is 1 (the default), so it applies " +
                  $"one X-Forwarded-For entry, one hop. Two proxies appended entries here (the CDN, then nginx): ForwardLimit = 2" +
                  (Trusts(options, edge) ? "." : $", and trust the CDN's edges ({CdnEdges} in KnownIPNetworks), or the second entry is not believed either.")
                : $"The middleware believed nginx, then stopped at the CDN edge {edge}: it does not trust that edge. The CDN serves from many edges, " +
                  $"any address in its published range: trust the whole range, KnownIPNetworks.Add(System.Net.IPNetwork.Parse(\"{CdnEdges}\")).";
        }
        return "";
    }

    /// <summary>Why a stranger's forged headers were believed: the lists are empty, or something in them is too wide.</summary>
    private static string TooTrusting(ForwardedHeadersOptions options, IPAddress stranger) =>
        TrustsAnyone(options)
            ? "the middleware trusts anyone. KnownProxies and KnownIPNetworks are empty, and with no list to check it believes every caller's headers " +
              $"(over-broad). Trust nginx ({Nginx}) and the CDN's range ({CdnEdges}) only."
            : $"the middleware trusts {stranger} as a proxy, and it is neither nginx nor a CDN edge. Trust nginx's own address ({Nginx}) and the CDN's " +
              $"published range ({CdnEdges}), nothing wider: a network such as 10.0.0.4/31 or 203.0.112.0/23 also takes in its neighbours.";

    /// <summary>How many threads record at once in 01.3's last case, and how many views each records.</summary>
    internal const int RecordingThreads = 8, ViewsPerThread = 10_000;

    /// <summary>How many new paths each thread adds in 01.3's last case.</summary>
    internal const int NewPathsPerThread = 2_000;

    /// <summary>
    /// 01.3: make a singleton page-view counter thread-safe. A race shows in a run only when two threads happen to
    /// interleave, so the check reads the answer's IL for a read-then-write outside a shared lock (every time), and
    /// also records from many threads at once and counts what was lost.
    /// </summary>
    public static Exercise<Func<IPageViews>> SharedCounter { get; } = new(
        id: "01.3",
        title: "A singleton that loses no views",
        hint: """
            count++ is three steps: read, add, write. Two requests that read 5 at the same moment both write 6. Make the
            three steps one: Interlocked.Increment(ref a field) does it for one number; for a number per path,
            ConcurrentDictionary.AddOrUpdate(path, 1, (_, count) => count + 1) retries its update until it applies to the value
            it read. A ConcurrentDictionary read and then written (d[path] = d[path] + 1, or GetOrAdd then the indexer) is two
            steps again. Or lock one object that every call shares (a readonly field) around the read and the write.
            """,
        answers: ExerciseAnswers.Load("01.3"),
        cases:
        [
            new("Record(\"/a\") three times and Record(\"/b\") once → Count(\"/a\") 3, Count(\"/b\") 1, a path never recorded 0", views =>
            {
                var pageViews = NewPageViews(views);
                var (a, b, never) = (pageViews.Count("/a"), pageViews.Count("/b"), pageViews.Count("/never-recorded"));
                pageViews.Record("/a");
                pageViews.Record("/a");
                pageViews.Record("/a");
                Expect.That(pageViews.Count("/a") - a == 3,
                    $"After Record(\"/a\") three times, Count(\"/a\") went from {a} to {pageViews.Count("/a")}, not up by 3.");
                pageViews.Record("/b");
                Expect.That(pageViews.Count("/b") - b == 1 && pageViews.Count("/a") - a == 3,
                    $"After Record(\"/b\") once, Count(\"/b\") went from {b} to {pageViews.Count("/b")} and Count(\"/a\") from {a} to {pageViews.Count("/a")}: " +
                    "each path has its own count, and a view of /b counts for /b alone.");
                Expect.That(pageViews.Count("/never-recorded") == 0 && never == 0,
                    $"Count of a path never recorded should be 0, but was {pageViews.Count("/never-recorded")}.");
            }),
            new("Record's read, add and write are one step: no field, property or dictionary read and then written back outside a shared lock, and Count reads no Dictionary outside it (the check reads the IL)", views =>
            {
                var pageViews = NewPageViews(views);
                pageViews.Record("/a"); // the starter's NotImplementedException first
                var map = pageViews.GetType().GetInterfaceMap(typeof(IPageViews));
                var record = map.TargetMethods[Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IPageViews.Record))];
                var count = map.TargetMethods[Array.FindIndex(map.InterfaceMethods, m => m.Name == nameof(IPageViews.Count))];
                var races = RaceInspector.FindRaces(record).Concat(RaceInspector.FindUnguardedReads(count)).ToList();
                Expect.That(races.Count == 0, string.Join(" Also: ", races));
            }),
            new("8 threads record 10,000 views each of 4 paths at once, each path a new string as from a request → not one view lost", async (views, token) =>
            {
                var pageViews = NewPageViews(views);
                string[] paths = ["/", "/a", "/b", "/c"];
                var before = paths.Select(pageViews.Count).ToArray();
                await RecordAtOnceAsync(pageViews, (t, i) => new string(paths[(i + t) % paths.Length].AsSpan()), ViewsPerThread, token); // a new string, as a request's path is
                var expected = RecordingThreads * ViewsPerThread / paths.Length;
                var counted = paths.Select((path, i) => pageViews.Count(path) - before[i]).ToArray();
                var lost = counted.Sum(c => expected - c);
                Expect.That(counted.All(c => c == expected),
                    lost > 0
                        ? $"{lost:N0} of {expected * paths.Length:N0} views were lost ({string.Join(", ", paths.Select((p, i) => $"{p}: {counted[i]:N0}"))}; {expected:N0} each): " +
                          "two requests read the same count and both wrote count + 1. Make the read, add and write one step."
                        : $"The counts are off ({string.Join(", ", paths.Select((p, i) => $"{p}: {counted[i]:N0}"))}; {expected:N0} each).");
            }),
            new($"8 threads record {NewPathsPerThread:N0} new paths each at once (/t/<thread>/<n>: every Record adds a path) → each path counted once", async (views, token) =>
            {
                var pageViews = NewPageViews(views);
                await RecordAtOnceAsync(pageViews, (t, i) => $"/t/{t}/{i}", NewPathsPerThread, token);
                var wrong = Enumerable.Range(0, RecordingThreads).SelectMany(t => Enumerable.Range(0, NewPathsPerThread).Select(i => $"/t/{t}/{i}"))
                    .Select(path => (Path: path, Count: pageViews.Count(path))).Where(p => p.Count != 1).ToList();
                Expect.That(wrong.Count == 0,
                    $"{wrong.Count:N0} of {RecordingThreads * NewPathsPerThread:N0} new paths were not counted once (for example {wrong.FirstOrDefault().Path}: " +
                    $"{wrong.FirstOrDefault().Count}): two Records that add different paths at the same moment changed the collection at once. " +
                    "A lock per path does not stop that: lock one shared object, or use ConcurrentDictionary.AddOrUpdate.");
            }),
        ]);

    /// <summary>
    /// Calls <paramref name="pageViews"/>.Record from <see cref="RecordingThreads"/> threads released at once, each
    /// <paramref name="perThread"/> times with the path <paramref name="pathOf"/>(thread, n); fails the check with what
    /// Record threw, if it threw.
    /// </summary>
    private static async Task RecordAtOnceAsync(IPageViews pageViews, Func<int, int, string> pathOf, int perThread, CancellationToken token)
    {
        var start = new ManualResetEventSlim();
        var errors = new ConcurrentQueue<Exception>();
        var threads = Enumerable.Range(0, RecordingThreads).Select(t => new Thread(() =>
        {
            try
            {
                start.Wait(token);
                for (var i = 0; i < perThread && !token.IsCancellationRequested; i++)
                {
                    pageViews.Record(pathOf(t, i));
                }
            }
            catch (Exception e)
            {
                errors.Enqueue(e);
            }
        }) { IsBackground = true, Name = $"course-01.3-request-{t}" }).ToList();
        threads.ForEach(t => t.Start());
        start.Set();
        foreach (var thread in threads)
        {
            while (!thread.Join(20))
            {
                token.ThrowIfCancellationRequested();
                await Task.Yield();
            }
        }
        if (errors.TryPeek(out var error))
        {
            if (error is NotImplementedException)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error); // the starter: "not attempted", not a failure
            }
            throw new CheckFailedException($"Record threw {error.GetType().Name} while {RecordingThreads} threads recorded at once: {error.Message} " +
                "A collection that is not thread-safe, changed by two threads at once, breaks (a lock per path lets two paths change it at once): " +
                "use ConcurrentDictionary, or a lock on a shared field.");
        }
    }

    /// <summary>The exercises of notebook 01, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [RawApp, TrustTheProxy, SharedCounter];

    private static IPageViews NewPageViews(Func<IPageViews> views) =>
        views() ?? throw new CheckFailedException("The check cell's () => new PageViews() returned null.");

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
    /// getter, for instance), as its IL shows. Calls made by other methods the answer calls are not seen.
    /// </summary>
    private static bool Calls(Delegate answer, Type type, string name) =>
        AnswerIl.Of(answer.Method).Calls().Any(c => c.Callee.Name == name && c.Callee.DeclaringType == type);

    private static string ShowBody(HttpExchange exchange) =>
        exchange.Body.Length == 0 ? "" : exchange.Body.Length <= 60 ? $" (body: \"{exchange.Body}\")" : $" (body: \"{exchange.Body[..57]}...\")";

    private sealed record WhatTheBackendSaw(string RemoteIp, string Scheme, string Host, string PathBase);

    private static async Task<WhatTheBackendSaw> SendToBackendAsync(Action<ForwardedHeadersOptions> configure, IPAddress from,
        string forwardedFor, string? forwardedProto, CancellationToken token, params (string Name, string Value)[] moreHeaders)
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
            if (forwardedProto is not null)
            {
                request.Headers.TryAddWithoutValidation(RequestForwarder.ForwardedProto, forwardedProto);
            }
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
