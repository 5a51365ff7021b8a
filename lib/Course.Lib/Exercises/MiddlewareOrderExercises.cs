using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Hosting;
using Course.Http;
using Course.Middleware;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Course.Exercises;

/// <summary>The exercises of notebook 07, middleware order.</summary>
public static partial class MiddlewareOrderExercises
{
    /// <summary>The origin the CORS policy of 07.1 allows (the front end's origin).</summary>
    public const string FrontEndOrigin = "https://app.example";

    /// <summary>The origin of 07.1's partner, allowed only by the policy of <c>PUT /partner/orders</c> (<c>RequireCors("partner")</c>).</summary>
    public const string PartnerOrigin = "https://partner.example";

    /// <summary>An origin no policy of 07.1 allows.</summary>
    public const string RefusedOrigin = "https://evil.example";

    /// <summary>The API key of 07.1 (it authenticates user "ada") and 07.3 (it opens the <c>/admin</c> group).</summary>
    public const string ApiKey = "s3cret";

    /// <summary>
    /// 07.1: order a pipeline from a brief — a gateway prefix, the exception handler, routing, CORS, authentication, a custom
    /// per-user quota and authorization — so that a preflight, a 401, a 429, an authenticated call and three failures behave.
    /// </summary>
    public static Exercise<Action<WebApplication>> OrderThePipeline { get; } = new(
        id: "07.1",
        title: "Order a pipeline from its brief",
        hint: """
            Ask of each piece what it needs to see and what it can answer. GatewayPrefix changes the path that routing matches,
            so it must run before routing — and WebApplication runs its own UseRouting() at the very start unless you call it
            yourself. Whatever must catch the exceptions of everything else (routing and the authentication handler throw too)
            goes outside it all. UseCors() needs the endpoint routing chose (the partner's RequireCors policy), and must run
            before anything that can answer or fail — a 401, a 429, a 500 — or that answer leaves without
            Access-Control-Allow-Origin. UserQuota reads context.User, which stays anonymous until authentication has run;
            authorization needs the user and the endpoint. Call UseCors() without arguments: the policies are registered.
            """,
        answers: ExerciseAnswers.Load("07.1"),
        cases:
        [
            new("a preflight OPTIONS /api/orders from " + FrontEndOrigin + " for PUT with X-Api-Key → 204 with Access-Control-Allow-Origin", async (answer, token) =>
            {
                var exchange = await SendToOrderedApiAsync(answer, Preflight("/api/orders", FrontEndOrigin), token);
                Expect.That(exchange.Status is 200 or 204,
                    $"The preflight should answer 204 No Content, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 405 ? " — no CORS middleware answered it, so routing found PUT /orders but no OPTIONS endpoint: is UseCors() in the pipeline?"
                    : exchange.Status == 401 ? " — authorization answered it: the preflight carries no credentials, so UseCors() must come before UseAuthorization()."
                    : "."));
                ExpectFrontEndAllowed(exchange, "The preflight");
            }),
            new("an origin no policy names (" + RefusedOrigin + ") gets no Access-Control-Allow-Origin for it, and " + PartnerOrigin + " none on /api/orders", async (answer, token) =>
            {
                var preflight = await SendToOrderedApiAsync(answer, Preflight("/api/orders", RefusedOrigin), token);
                ExpectRefused(preflight);
                var put = new HttpRequestMessage(HttpMethod.Put, "/api/orders");
                put.Headers.Add("Origin", RefusedOrigin);
                put.Headers.Add("X-Api-Key", ApiKey);
                ExpectRefused(await SendToOrderedApiAsync(answer, put, token));
                // The partner's policy names it for its own endpoint only: on /orders it is as foreign as any other site.
                var partner = await SendToOrderedApiAsync(answer, Preflight("/api/orders", PartnerOrigin), token);
                Expect.That(partner.Header("Access-Control-Allow-Origin") is not (PartnerOrigin or "*"),
                    $"OPTIONS /api/orders from {PartnerOrigin} got Access-Control-Allow-Origin: {partner.Header("Access-Control-Allow-Origin")} — the partner is " +
                    "allowed only on PUT /partner/orders (its endpoint's RequireCors(\"partner\")); /orders answers to the default policy. " +
                    "Call UseCors() without arguments instead of giving it a policy of your own.");
            }),
            new("an anonymous cross-origin PUT /api/orders → 401 that still carries Access-Control-Allow-Origin (so the page can read it)", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "/api/orders");
                request.Headers.Add("Origin", FrontEndOrigin);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.That(exchange.Status != 500, $"The anonymous PUT /api/orders answered 500 instead of 401{AuthorizationBeforeRouting}");
                Expect.Status(401, exchange);
                Expect.That(exchange.Header("Access-Control-Allow-Origin") is not null,
                    "The 401 left without Access-Control-Allow-Origin, so a browser hides it and the page sees a CORS error instead of \"please log in\". " +
                    "Authorization answered before CORS could add its headers: move UseCors() before it (and remember that WebApplication puts " +
                    "authentication and authorization at the start of the pipeline when you don't place them yourself).");
                ExpectFrontEndAllowed(exchange, "The 401");
            }),
            new("PUT /api/partner/orders has its own policy, .RequireCors(\"partner\"): a preflight and a PUT from " + PartnerOrigin + " are allowed", async (answer, token) =>
            {
                var preflight = await SendToOrderedApiAsync(answer, Preflight("/api/partner/orders", PartnerOrigin), token);
                Expect.That(preflight.Status is 200 or 204,
                    $"The preflight OPTIONS /api/partner/orders from {PartnerOrigin} should answer 204 No Content, but answered {preflight.Status} {preflight.ReasonPhrase}" +
                    (preflight.Status == 401 ? ": authorization answered it before CORS could — UseCors() goes before UseAuthorization()." : "."));
                Expect.That(preflight.Header("Access-Control-Allow-Origin") == PartnerOrigin,
                    $"The preflight OPTIONS /api/partner/orders from {PartnerOrigin} got {(preflight.Header("Access-Control-Allow-Origin") is { } allowed ? $"Access-Control-Allow-Origin: {allowed}" : "no Access-Control-Allow-Origin")}: " +
                    "the endpoint's own policy, .RequireCors(\"partner\"), was not applied. UseCors() finds that policy on the endpoint that routing chose; " +
                    "placed before an explicit UseRouting() it sees no endpoint and uses only the default policy (and a CORS middleware written by hand " +
                    "knows no policy at all). Call UseCors() after UseRouting().");
                var put = new HttpRequestMessage(HttpMethod.Put, "/api/partner/orders");
                put.Headers.Add("Origin", PartnerOrigin);
                put.Headers.Add("X-Api-Key", ApiKey);
                var exchange = await SendToOrderedApiAsync(answer, put, token);
                Expect.That(exchange.Status == 204,
                    $"PUT /api/partner/orders from {PartnerOrigin} with a valid key should answer 204 No Content, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 401 ? ": authorization ran before authentication, so it saw an anonymous user." : "."));
                Expect.That(exchange.Header("Access-Control-Allow-Origin") == PartnerOrigin,
                    $"PUT /api/partner/orders from {PartnerOrigin} answered 204 without Access-Control-Allow-Origin: {PartnerOrigin}, so the partner's page cannot read it: " +
                    "the endpoint's RequireCors(\"partner\") policy was not applied (UseCors() must run after routing has chosen the endpoint).");
            }),
            new("GET /api/me with X-Api-Key: " + ApiKey + " → 200 \"ada\" (authenticated, then authorized)", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.Add("X-Api-Key", ApiKey);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.That(exchange.Status == 200,
                    $"GET /api/me with a valid key should answer 200, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 401 ? ": authorization ran before authentication, so it saw an anonymous user."
                    : exchange.Status == 500 ? AuthorizationBeforeRouting : "."));
                Expect.Equal("ada", exchange.Body, "the body of GET /api/me");
            }),
            new("ada's third GET /api/me from " + FrontEndOrigin + " → 429 from UserQuota (two requests per user), with Access-Control-Allow-Origin", async (answer, token) =>
            {
                await using var api = await OrderedApi.StartAsync(answer, token);
                var exchanges = new List<HttpExchange>();
                for (var i = 0; i < 3; i++)
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                    request.Headers.Add("Origin", FrontEndOrigin);
                    request.Headers.Add("X-Api-Key", ApiKey);
                    exchanges.Add(await api.SendAsync(request, token));
                }
                Expect.That(exchanges[0].Status == 200 && exchanges[1].Status == 200,
                    $"ada's first two GET /api/me should answer 200, but answered {exchanges[0].Status} and {exchanges[1].Status}.");
                Expect.That(exchanges[2].Status == 429,
                    $"ada's third GET /api/me should answer 429 Too Many Requests (UserQuota allows {api.Quota.RequestsPerUser} per user), but answered " +
                    $"{exchanges[2].Status} {exchanges[2].ReasonPhrase}: " + (api.Quota.Anonymous > 0
                        ? $"UserQuota ran, but saw {api.Quota.Anonymous} anonymous requests and none from ada — it ran before UseAuthentication(), while " +
                          "context.User was still empty. Put app.UseMiddleware<UserQuota>() after UseAuthentication()."
                        : "UserQuota never ran. Is app.UseMiddleware<UserQuota>() in the pipeline, where every request passes?"));
                Expect.That(exchanges[2].Header("Access-Control-Allow-Origin") == FrontEndOrigin,
                    "The 429 left without Access-Control-Allow-Origin, so the front end's page sees a CORS error instead of \"too many requests\": " +
                    "UserQuota answered before UseCors() could add its headers. A middleware that can short-circuit goes after UseCors().");
            }),
            new("GET /api/boom (the endpoint throws) → 500 problem details that do not reveal the exception", async (answer, token) =>
            {
                var exchange = await SendToOrderedApiAsync(answer, new HttpRequestMessage(HttpMethod.Get, "/api/boom"), token);
                ExpectHiddenProblem(exchange);
            }),
            new("GET /api/me from " + FrontEndOrigin + " with X-Api-Key: " + CrashingKey + " (the authentication handler throws) → 500 problem details too, with Access-Control-Allow-Origin", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.Add("Origin", FrontEndOrigin);
                request.Headers.Add("X-Api-Key", CrashingKey);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                ExpectHiddenProblem(exchange);
                Expect.That(exchange.Header("Access-Control-Allow-Origin") == FrontEndOrigin,
                    "The 500 left without Access-Control-Allow-Origin: the authentication handler threw before UseCors() had run, so the " +
                    "front end's page sees a CORS error instead of the server's error. Put UseCors() before UseAuthentication() — " +
                    "CORS goes before everything that can fail or answer for the request.");
            }),
            new("GET /api/reports/7, which two endpoints match (GET /reports/{id} and GET /reports/{name}), so routing itself throws → 500 problem details too", async (answer, token) =>
            {
                var exchange = await SendToOrderedApiAsync(answer, new HttpRequestMessage(HttpMethod.Get, "/api/reports/7"), token);
                ExpectHiddenProblem(exchange);
            }),
        ]);

    /// <summary>07.2: a timing middleware that measures with the <see cref="TimeProvider"/> it is given and sends <c>Server-Timing: app;dur=…</c>.</summary>
    public static Exercise<Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>>> ServerTiming { get; } = new(
        id: "07.2",
        title: "A Server-Timing middleware (with a TimeProvider)",
        hint: """
            Take a timestamp with time.GetTimestamp() before you call next — at each request, in a local variable (requests
            overlap: each needs its own start) — and compute time.GetElapsedTime(start) when you need
            the duration — never time.GetUtcNow(), DateTime.Now or a Stopwatch: the wall clock can jump (the check's does, like an
            NTP correction), and a Stopwatch does not see the check's fake clock. The catch: most endpoints write their body, and
            once the body starts the headers are gone (setting one throws "the response has already started").
            context.Response.OnStarting(…) runs a callback just before the headers go out — measure and set the header there.
            Format: app;dur= followed by elapsed.TotalMilliseconds (not .Milliseconds, the 0–999 part), e.g. app;dur=12.5, with a dot whatever the server's culture
            (FormattableString.Invariant or CultureInfo.InvariantCulture).
            """,
        answers: ExerciseAnswers.Load("07.2"),
        cases:
        [
            new("GET /report: the endpoint takes 250 ms and writes its body (meanwhile the wall clock steps back 1 s, as NTP may) → Server-Timing: app;dur=250", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/report", token);
                ExpectTimedStatus(200, exchange);
                Expect.Equal("report ready", exchange.Body, "the body of GET /report");
                ExpectDuration(exchange, 250);
            }),
            new("GET /quick: 12.75 ms, on a server whose culture writes decimals with a comma → app;dur≈12.75, to half a millisecond (a second measurement, so a constant cannot pass)", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/quick", token);
                ExpectTimedStatus(200, exchange);
                ExpectDuration(exchange, 12.75);
            }),
            new("DELETE /cache: 5 ms and no body → 204 with app;dur=5", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Delete, "/cache", token);
                ExpectTimedStatus(204, exchange);
                ExpectDuration(exchange, 5);
            }),
            new("GET /nowhere (no endpoint) → 404 that is timed too: app;dur=0", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/nowhere", token);
                ExpectTimedStatus(404, exchange);
                ExpectDuration(exchange, 0);
            }),
            new("GET /boom behind UseExceptionHandler(): 30 ms, then it throws → the handler's 500, still with app;dur=30", async (answer, token) =>
            {
                var exchange = await RunTimedApiAsync(answer, "GET /boom", (app, time) => app.MapGet("/boom", string () =>
                {
                    time.Spend(TimeSpan.FromMilliseconds(30));
                    throw new InvalidOperationException("boom");
                }), api => api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/boom"), token), token, behindExceptionHandler: true);
                ExpectTimedStatus(500, exchange);
                Expect.That(exchange.Header("Server-Timing") is not null,
                    "GET /boom threw, and UseExceptionHandler() (registered before your middleware) answered 500 without your Server-Timing " +
                    "header: the handler clears the response's headers before it writes the 500, and code after next() does not run when " +
                    "next throws. It keeps context.Response.OnStarting(…) callbacks: set the header there.");
                ExpectDuration(exchange, 30);
            }),
            new("two overlapping requests: GET /slow (100 ms, then it waits, then 150 ms) and, while it waits, GET /quick (12.75 ms) → each its own duration, ≈ 262.75 and ≈ 12.75", async (answer, token) =>
            {
                var (slow, quick) = await SendOverlappingAsync(answer, token);
                ExpectTimedStatus(200, quick);
                ExpectDuration(quick, 12.75, (112.75,
                    "that is the time since GET /slow started, not since GET /quick did. The start timestamp must be taken at each request, " +
                    "inside the middleware (var start = time.GetTimestamp(); before next) — not once, when ServerTiming(time) builds the " +
                    "middleware, nor kept in a variable that every request shares."));
                ExpectTimedStatus(200, slow);
                ExpectDuration(slow, 262.75, (162.75,
                    "that is the time since GET /quick started: your start timestamp lives in a variable every request shares, and the " +
                    "overlapping request overwrote it. Each request needs its own: a local variable inside the middleware " +
                    "(var start = time.GetTimestamp(); before next), captured by that request's OnStarting callback."));
            }),
        ]);

    /// <summary>
    /// 07.3: an endpoint filter on the <c>/admin</c> route group that demands <c>X-Api-Key</c>, and nothing else. The answer
    /// returns the group, and the check maps an endpoint of its own on it.
    /// </summary>
    public static Exercise<Func<WebApplication, RouteGroupBuilder>> AdminApiKey { get; } = new(
        id: "07.3",
        title: "An API-key endpoint filter for one route group",
        hint: """
            var admin = app.MapGroup("/admin"); then admin.AddEndpointFilter(async (context, next) => …) applies to every endpoint
            mapped on the group — now or later — and to nothing outside it. In the filter, read
            context.HttpContext.Request.Headers["X-Api-Key"] (the header only, never the query string); if its whole value (.ToString(): a client may send the header twice) is not exactly the key (compare with
            CryptographicOperations.FixedTimeEquals on the bytes, so the time the comparison takes reveals nothing about the key;
            == works here, but leaks), return TypedResults.Unauthorized()
            without calling next (the handler never runs); otherwise return await next(context). Map the two endpoints on the
            group, not on app, return an object (not a string) so it is written as JSON, and return the group itself.
            Why not a middleware on the /admin path? Check what it would answer for /admin/nowhere.
            """,
        answers: ExerciseAnswers.Load("07.3"),
        cases:
        [
            new("GET /admin/stats with X-Api-Key: s3cret → 200 JSON {\"orders\": 3}; DELETE /admin/cache with the key → 204", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                var stats = await api.SendAsync(HttpMethod.Get, "/admin/stats", ApiKey, token);
                ExpectAdminStatus(200, stats);
                Expect.That((stats.Header("Content-Type") ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase),
                    $"GET /admin/stats answered Content-Type: {stats.Header("Content-Type") ?? "(none)"} with {Expect.DescribeBody(stats.Body)} — " +
                    "a JSON API answers application/json. A string is written as text, whatever it looks like: return an object (new { orders = 3 }) " +
                    "and ASP.NET Core serializes it.");
                Expect.That(ReadOrders(stats) == 3, $"GET /admin/stats should answer {{\"orders\": 3}}, but sent {Expect.DescribeBody(stats.Body)}.");
                ExpectAdminStatus(204, await api.SendAsync(HttpMethod.Delete, "/admin/cache", ApiKey, token));
            }),
            new("without the key, or with a wrong one (\"S3CRET\", \"nope\", \"letmein\", \"s3cret-and-more\"), both /admin endpoints → 401", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                foreach (var key in new string?[] { null, "S3CRET", "nope", "letmein", "s3cret-and-more" })
                {
                    foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin/stats"), (HttpMethod.Delete, "/admin/cache") })
                    {
                        var exchange = await api.SendAsync(method, path, key, token);
                        Expect.That(exchange.Status == 401,
                            $"{method} {path} with {(key is null ? "no X-Api-Key" : $"X-Api-Key: {key}")} should answer 401 Unauthorized, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                            (exchange.Status is 200 or 204
                                ? key switch
                                {
                                    "S3CRET" => ": the key must match exactly — not ignoring case.",
                                    "s3cret-and-more" => ": the key must match exactly — the whole value, not StartsWith or Contains.",
                                    null => ": nothing guards this endpoint of the group.",
                                    _ => ": only the key opens the group — refuse every other value (key == \"s3cret\" or 401), not a list of wrong ones.",
                                }
                                : "."));
                    }
                }
            }),
            new("X-Api-Key sent twice (\"nope\" and \"s3cret\", in either order) → 401: a request carries one key, not a list to pick from", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                await api.ExpectStatsGuardedAsync(token);
                foreach (var keys in new[] { new[] { "nope", ApiKey }, new[] { ApiKey, "nope" } })
                {
                    var exchange = await api.SendWithKeysAsync(HttpMethod.Get, "/admin/stats", keys, token);
                    Expect.That(exchange.Status == 401,
                        $"GET /admin/stats with two X-Api-Key headers, \"{keys[0]}\" then \"{keys[1]}\", answered {exchange.Status} {exchange.ReasonPhrase}" +
                        (exchange.Status == 200
                            ? ": Headers[\"X-Api-Key\"] is a StringValues holding both, and .Contains, Any or [0] picks the key out of them. A " +
                              $"request carries one key: compare the whole value, Headers[\"X-Api-Key\"].ToString() (\"{string.Join(",", keys)}\" here), " +
                              "with the key — with CryptographicOperations.FixedTimeEquals on the bytes."
                            : ", not 401."));
                }
            }),
            new("the check maps GET /admin/audit on the group MapAdmin returns: guarded too (401 without the key, 200 with it)", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                var without = await api.SendAsync(HttpMethod.Get, "/admin/audit", null, token);
                await api.ExpectStatsGuardedAsync(token);
                Expect.That(without.Status == 401,
                    $"GET /admin/audit — an endpoint the check mapped on the group MapAdmin returned — answered {without.Status} {without.ReasonPhrase} " +
                    "without a key" + (without.Status == 200
                        ? ": your filter guards only the endpoints you put it on. Put it on the group, admin.AddEndpointFilter(…), so that every " +
                          "endpoint mapped on the group, now or later, is guarded — and return that group."
                        : "."));
                Expect.That(api.AuditRuns == 0,
                    "The handler of GET /admin/audit ran for the request without a key, and only then was the answer replaced by a 401: " +
                    "a DELETE without the key would still delete. Short-circuit: when the key is wrong, return TypedResults.Unauthorized() " +
                    "without calling next.");
                var with = await api.SendAsync(HttpMethod.Get, "/admin/audit", ApiKey, token);
                Expect.That(with.Status == 200,
                    $"GET /admin/audit with X-Api-Key: {ApiKey} should answer 200 OK, but answered {with.Status} {with.ReasonPhrase}.");
            }),
            new("the key is checked by the endpoints themselves: GET /admin/stats run on its own, without the middleware pipeline, still answers 401 without the key", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                await api.ExpectStatsGuardedAsync(token);
                var status = await api.InvokeEndpointAlone("/admin/stats", token);
                Expect.That(status == 401,
                    $"Run on its own (the check called the endpoint's RequestDelegate, as another pipeline, a branch or a test would), GET /admin/stats " +
                    $"answered {status} without a key: the key is checked by a middleware in front of the endpoints, not by a filter on them. " +
                    "The exercise asks for a filter on the group: it is part of the group's endpoints, so it guards them in whatever pipeline " +
                    "runs them (and sees their arguments and results), while this middleware guards them only where it sits in this one. " +
                    "Use admin.AddEndpointFilter(…).");
            }),
            new("GET /status (outside the group) without a key → 200 \"up\": the filter guards the group only", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                var exchange = await api.SendAsync(HttpMethod.Get, "/status", null, token);
                Expect.That(exchange.Status == 200,
                    $"GET /status, mapped by the check outside your group, answered {exchange.Status} {exchange.ReasonPhrase} without a key: " +
                    "the key rule reached an endpoint outside /admin. Put it on the group only.");
                Expect.Equal("up", exchange.Body, "the body of GET /status");
            }),
            new("GET /admin/nowhere without a key → 404: a filter runs only for an endpoint that matched (a path-prefix middleware would say 401)", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                var exchange = await api.SendAsync(HttpMethod.Get, "/admin/nowhere", null, token);
                Expect.That(exchange.Status == 404,
                    $"GET /admin/nowhere should answer 404 Not Found, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 401 ? ": a middleware checks the key for every /admin path, even one with no endpoint — write an endpoint filter on the group instead." : "."));
            }),
            new("the key in the query string instead of the header (?api_key=, ?apiKey=, ?key=, ?X-Api-Key=s3cret) → 401: the header only", async (answer, token) =>
            {
                await using var api = await AdminApi.StartAsync(answer, token);
                await api.ExpectStatsGuardedAsync(token);
                foreach (var name in new[] { "api_key", "apiKey", "key", "X-Api-Key" })
                {
                    var path = $"/admin/stats?{name}={ApiKey}";
                    var exchange = await api.SendAsync(HttpMethod.Get, path, null, token);
                    Expect.That(exchange.Status == 401,
                        $"GET {path}, with the key in the query string and no X-Api-Key header, answered {exchange.Status} {exchange.ReasonPhrase}: " +
                        "a secret in the URL ends up in server and proxy logs, the browser's history and Referer headers. Read the key " +
                        "from the X-Api-Key header only, never from the query.");
                }
            }),
        ]);

    /// <summary>The exercises of notebook 07, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [OrderThePipeline, ServerTiming, AdminApiKey];

    /// <summary>Why an endpoint that requires authorization answers 500: UseAuthorization() ran before an explicit UseRouting().</summary>
    private const string AuthorizationBeforeRouting =
        ": ASP.NET Core refuses to run an endpoint that requires authorization when UseAuthorization() ran before routing had chosen " +
        "that endpoint (it saw no requirement to check). Call UseRouting() right after UseExceptionHandler(): UseRouting() before UseCors(), " +
        "UseAuthentication() and UseAuthorization().";

    /// <summary>The message of the exception GET /boom throws in 07.1: it must not reach the client.</summary>
    internal const string BoomMessage = "Connection string Password=hunter2 rejected";

    /// <summary>The API key that makes 07.1's authentication handler throw: only an exception handler outside authentication catches it.</summary>
    internal const string CrashingKey = "crash";

    /// <summary>Sends one request to a fresh 07.1 API built with <paramref name="pipeline"/>.</summary>
    internal static async Task<HttpExchange> SendToOrderedApiAsync(Action<WebApplication> pipeline, HttpRequestMessage request, CancellationToken token)
    {
        await using var api = await OrderedApi.StartAsync(pipeline, token);
        return await api.SendAsync(request, token);
    }

    /// <summary>
    /// The 07.1 API (CORS policies, API-key authentication, problem details, a <see cref="QuotaLedger"/> registered), behind a
    /// gateway that forwards it under <see cref="GatewayPrefix.Prefix"/>, with the learner's pipeline: a default CORS policy for the front end
    /// and a "partner" policy that only <c>PUT /partner/orders</c> names.
    /// </summary>
    private sealed class OrderedApi(RunningApp app, QuotaLedger quota, bool calledUseRouting) : IAsyncDisposable
    {
        public QuotaLedger Quota => quota;

        public static async Task<OrderedApi> StartAsync(Action<WebApplication> pipeline, CancellationToken token)
        {
            var quota = new QuotaLedger();
            var calledUseRouting = false;
            var app = await InMemoryServer.StartAsync(builder =>
            {
                builder.Services.AddProblemDetails();
                builder.Services.AddSingleton(quota);
                builder.Services.AddCors(options =>
                {
                    options.AddDefaultPolicy(policy => policy.WithOrigins(FrontEndOrigin).WithMethods("PUT", "DELETE").WithHeaders("X-Api-Key"));
                    options.AddPolicy("partner", policy => policy.WithOrigins(PartnerOrigin).WithMethods("PUT").WithHeaders("X-Api-Key"));
                });
                builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
                builder.Services.AddAuthorization();
            }, web =>
            {
                pipeline(web);
                // UseRouting() leaves its route builder in the application's properties; WebApplication reads the same key to
                // decide whether to add routing at the very start itself.
                calledUseRouting = ((IApplicationBuilder)web).Properties.ContainsKey("__EndpointRouteBuilder");
                web.MapGet("/boom", string () => throw new InvalidOperationException(BoomMessage));
                web.MapPut("/orders", () => TypedResults.NoContent()).RequireAuthorization();
                web.MapPut("/partner/orders", () => TypedResults.NoContent()).RequireCors("partner").RequireAuthorization();
                web.MapGet("/me", (ClaimsPrincipal user) => user.Identity?.Name ?? "").RequireAuthorization();
                // Two endpoints for one route (two modules mapping the same path): routing throws AmbiguousMatchException for /reports/7.
                // The ASP0022 analyzer sees it when both are in one file; across modules only the exception tells.
#pragma warning disable ASP0022
                web.MapGet("/reports/{id}", (string id) => id);
                web.MapGet("/reports/{name}", (string name) => name);
#pragma warning restore ASP0022
            }, "Production", token);
            return new OrderedApi(app, quota, calledUseRouting);
        }

        public async Task<HttpExchange> SendAsync(HttpRequestMessage request, CancellationToken token)
        {
            var what = $"{request.Method} {request.RequestUri}";
            HttpExchange exchange;
            try
            {
                exchange = await app.SendAsync(request, token);
            }
            catch (Exception exception) when ((exception is HttpRequestException or InvalidOperationException || IsAmbiguousMatch(exception)) && !token.IsCancellationRequested)
            {
                var inner = Innermost(exception);
                throw new CheckFailedException(IsAmbiguousMatch(inner)
                    ? $"{what}: routing threw {inner.GetType().Name} (two endpoints match the request) outside your exception handler, so it " +
                      "went through the whole pipeline unhandled; Kestrel would send a bare 500 with no body. A UseRouting() of yours " +
                      "before UseExceptionHandler() is outside it, and so is the one WebApplication runs at the very start when you don't " +
                      "call UseRouting() yourself: call app.UseRouting() after app.UseExceptionHandler()."
                    : $"{what}: an exception went through the whole pipeline unhandled ({inner.Message}); Kestrel would send a bare 500 " +
                      "with no body. UseExceptionHandler() must be outside (before) every layer whose exceptions it should catch.");
            }
            if (exchange.Status == 404)
            {
                throw new CheckFailedException($"{what} answered 404 Not Found: routing compared the whole path, {GatewayPrefix.Prefix} included, " +
                    "with endpoints mapped without it. GatewayPrefix moves the prefix out of Request.Path, but only for what runs after it: " +
                    (calledUseRouting
                        ? "GatewayPrefix must come before your UseRouting() (is it in the pipeline at all?)."
                        : "without a UseRouting() call of yours, WebApplication ran its own UseRouting() at the very start, before anything " +
                          "you added. Call app.UseMiddleware<GatewayPrefix>(), then app.UseRouting()."));
            }
            return exchange;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    /// <summary>Routing's exception for a request that two endpoints match (its type is not public API, so it is matched by name).</summary>
    private static bool IsAmbiguousMatch(Exception exception) => Innermost(exception).GetType().Name == "AmbiguousMatchException";

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        request.Headers.Add("Access-Control-Request-Headers", "X-Api-Key");
        return request;
    }

    /// <summary>A response to the front end must name its origin: not missing (no UseCors), not <c>*</c> (every origin allowed).</summary>
    private static void ExpectFrontEndAllowed(HttpExchange exchange, string what)
    {
        var allowed = exchange.Header("Access-Control-Allow-Origin");
        Expect.That(allowed == FrontEndOrigin,
            $"{what} should allow the front end with Access-Control-Allow-Origin: {FrontEndOrigin}, but " + allowed switch
            {
                null => "sent no such header: is UseCors() in the pipeline, called without arguments so that the registered default policy applies?",
                "*" => "sent * — your CORS allows every origin. Call UseCors() without arguments: the registered default policy names the front end.",
                _ => $"sent {allowed}: call UseCors() without arguments, so that the registered default policy applies.",
            });
    }

    /// <summary>A response to <see cref="RefusedOrigin"/> must not let its page read it: no <c>*</c>, no echo of the origin.</summary>
    private static void ExpectRefused(HttpExchange exchange)
    {
        var allowed = exchange.Header("Access-Control-Allow-Origin");
        var what = $"{exchange.Method} {exchange.Uri.PathAndQuery} from {RefusedOrigin}";
        Expect.That(allowed != "*",
            $"{what} got Access-Control-Allow-Origin: * — your CORS allows every origin, so any site's script can read your API's answers. " +
            "The policies are registered for you: call UseCors() without arguments, and the default policy allows only " + FrontEndOrigin + ".");
        Expect.That(!string.Equals(allowed, RefusedOrigin, StringComparison.OrdinalIgnoreCase),
            $"{what} got Access-Control-Allow-Origin: {allowed} — an origin no policy names was allowed, as if the origin were echoed back. " +
            "Only UseCors() with the registered policies decides: call UseCors() without arguments, and don't set CORS headers yourself.");
    }

    /// <summary>A 500 from UseExceptionHandler(): problem details that keep the exception to the server.</summary>
    private static void ExpectHiddenProblem(HttpExchange exchange)
    {
        Expect.That(exchange.Status == 500,
            $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer 500 Internal Server Error, but answered {exchange.Status} {exchange.ReasonPhrase}" +
            (exchange.Status == 401 ? ": authorization turned the request away before the failing code ran — see the other cases about the order." : "."));
        Expect.That(!exchange.Body.Contains(BoomMessage, StringComparison.Ordinal),
            $"The 500 gives the exception's message away (\"{BoomMessage}\" is in its body): that is the developer exception page, for " +
            "Development only. In production, UseExceptionHandler() answers problem details that reveal nothing.");
        Expect.That((exchange.Header("Content-Type") ?? "").StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase),
            $"The 500 should be problem details (application/problem+json) written by UseExceptionHandler(), but its Content-Type was {exchange.Header("Content-Type") ?? "missing"}.");
    }

    /// <summary>How far 07.2's wall clock steps back during each timed endpoint: an NTP correction, which a monotonic timestamp never sees.</summary>
    private static readonly TimeSpan WallClockStep = TimeSpan.FromSeconds(1);

    private static Task<HttpExchange> SendToTimedApiAsync(Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>> answer, HttpMethod method,
        string path, CancellationToken token) =>
        RunTimedApiAsync(answer, $"{method} {path}", (_, _) => { }, api => api.SendAsync(new HttpRequestMessage(method, path), token), token);

    /// <summary>Starts 07.2's app (the learner's middleware, the timed endpoints and <paramref name="map"/>'s) and runs <paramref name="send"/> on it.</summary>
    private static async Task<T> RunTimedApiAsync<T>(Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>> answer, string what,
        Action<WebApplication, SteppingClock> map, Func<RunningApp, Task<T>> send, CancellationToken token, bool behindExceptionHandler = false)
    {
        var time = new SteppingClock(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var middleware = answer(time) ?? throw new CheckFailedException("ServerTiming returned null instead of a middleware.");
        await using var api = await InMemoryServer.StartAsync(builder =>
        {
            if (behindExceptionHandler)
            {
                builder.Services.AddProblemDetails();
            }
        }, app =>
        {
            if (behindExceptionHandler)
            {
                app.UseExceptionHandler();   // outside the learner's middleware: its 500 clears the response, but keeps OnStarting callbacks
            }
            // A server whose culture writes 12.75 as "12,75": the header must not depend on it.
            app.Use(async (context, next) =>
            {
                CultureInfo.CurrentCulture = CommaCulture;
                await next(context);
            });
            app.Use(middleware);
            app.MapGet("/report", async (HttpContext context) =>
            {
                time.Spend(TimeSpan.FromMilliseconds(250));
                await context.Response.WriteAsync("report ready");
            });
            app.MapGet("/quick", () =>
            {
                time.Spend(TimeSpan.FromMilliseconds(12.75));
                return "quick";
            });
            app.MapDelete("/cache", () =>
            {
                time.Spend(TimeSpan.FromMilliseconds(5));
                return TypedResults.NoContent();
            });
            map(app, time);
        }, "Production", token);
        try
        {
            return await send(api);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException && !token.IsCancellationRequested)
        {
            var inner = Innermost(exception);
            // The in-memory server refuses a late OnStarting with a bare "Operation is not valid…": its stack says where.
            var lateOnStarting = inner is InvalidOperationException &&
                ((inner.StackTrace ?? "").Contains(".OnStarting(", StringComparison.Ordinal) || inner.Message.Contains("OnStarting", StringComparison.Ordinal));
            // A header set in an OnCompleted callback: the in-memory server reports what Kestrel would only log.
            var inOnCompleted = (inner.StackTrace ?? "").Contains("OnCompleted", StringComparison.Ordinal) ||
                (inner.StackTrace ?? "").Contains("OnResponseCompleted", StringComparison.Ordinal);
            throw new CheckFailedException(lateOnStarting
                ? $"{what} failed inside the middleware: context.Response.OnStarting(…) was called after next(), when the endpoint " +
                  "had already written its body, and the server refused it. Register context.Response.OnStarting(…) before you call next."
                : inOnCompleted
                ? $"{what}: a header set in context.Response.OnCompleted(…) cannot reach the client — that callback runs after the " +
                  $"response has gone, and the server refused it ({inner.Message}). Set it in context.Response.OnStarting(…), which runs " +
                  "just before the headers go out."
                : $"{what} failed inside the middleware: {inner.Message}" +
                  (inner.Message.Contains("already started", StringComparison.OrdinalIgnoreCase)
                    ? " The endpoint had already written its body, so the headers were sent: set the header in context.Response.OnStarting(…)."
                    : ""));
        }
    }

    /// <summary>A culture that writes decimals with a comma (built by hand: the course runs with invariant globalization).</summary>
    private static readonly CultureInfo CommaCulture = CreateCommaCulture();

    private static CultureInfo CreateCommaCulture()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.NumberFormat.NumberDecimalSeparator = ",";
        culture.NumberFormat.NumberGroupSeparator = ".";
        return culture;
    }

    private static void ExpectTimedStatus(int expected, HttpExchange exchange) =>
        Expect.That(exchange.Status == expected,
            $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer {expected} {ReasonPhrases.GetReasonPhrase(expected)}, but answered " +
            $"{exchange.Status} {exchange.ReasonPhrase} (body: {Expect.DescribeBody(exchange.Body)}): a timing middleware only measures; it calls next and changes nothing else.");

    /// <summary>
    /// 07.2's overlap: GET /slow spends 100 ms and waits; meanwhile GET /quick runs whole (12.75 ms); then /slow spends 150 ms
    /// more. A start kept once per app or in one shared variable gives one of the two a wrong duration.
    /// </summary>
    private static async Task<(HttpExchange Slow, HttpExchange Quick)> SendOverlappingAsync(
        Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>> answer, CancellationToken token)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return await RunTimedApiAsync(answer, "GET /slow and GET /quick", (app, time) => app.MapGet("/slow", async (HttpContext context) =>
        {
            time.Spend(TimeSpan.FromMilliseconds(100));
            started.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            time.Spend(TimeSpan.FromMilliseconds(150));
            await context.Response.WriteAsync("slow done");
        }), async api =>
        {
            var slow = api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/slow"), token);
            try
            {
                await Task.WhenAny(started.Task, slow).WaitAsync(token);
                var quick = await api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/quick"), token);
                release.TrySetResult();
                return (await slow, quick);
            }
            finally
            {
                release.TrySetResult();
            }
        }, token);
    }

    private static void ExpectDuration(HttpExchange exchange, double expectedMilliseconds, params (double Value, string Why)[] known)
    {
        var request = $"{exchange.Method} {exchange.Uri.PathAndQuery}";
        var header = exchange.Header("Server-Timing");
        Expect.That(header is not null,
            $"{request} sent no Server-Timing header" + (expectedMilliseconds > 0 && exchange.Body.Length > 0
                ? ". Its endpoint writes a body, and once the body has started the headers are gone: if you set the header after next() (or only " +
                  "when the response has not started, or in OnCompleted, which runs after the response has gone), it never comes. " +
                  "Set it in context.Response.OnStarting(…), which runs just before the headers go out."
                : ". A header set in OnCompleted never arrives: that callback runs after the response has gone. Set it in " +
                  "context.Response.OnStarting(…), which runs just before the headers go out."));
        var match = ServerTimingApp().Match(header!);
        Expect.That(match.Success, $"{request} sent Server-Timing: {header}, but the check wants a metric named app with a duration, such as app;dur=12.5.");
        Expect.That(!CommaDecimal().IsMatch(header!),
            $"{request} sent Server-Timing: {header} — the duration was written with a decimal comma, because the server's culture uses one. " +
            "The header is read by machines: format it with CultureInfo.InvariantCulture (FormattableString.Invariant($\"app;dur={ms}\")).");
        var measured = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        if (Math.Abs(measured - expectedMilliseconds) <= 0.5)
        {
            return;
        }
        foreach (var (value, why) in known)
        {
            Expect.That(Math.Abs(measured - value) > 0.5,
                $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms: {why}");
        }
        Expect.That(!(measured == Math.Floor(measured) && expectedMilliseconds != Math.Floor(expectedMilliseconds) && Math.Abs(measured - expectedMilliseconds) < 1),
            $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms: the fraction was lost. " +
            "elapsed.Milliseconds is only the milliseconds part of the TimeSpan (0–999: 1.25 s gives 250), and an int cast drops the " +
            "fraction: write elapsed.TotalMilliseconds with its fraction (app;dur=12.75).");
        var wallClock = expectedMilliseconds - WallClockStep.TotalMilliseconds;
        Expect.That(measured >= 0 && Math.Abs(measured - wallClock) > 0.5,
            $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms: you measured with the wall clock " +
            $"(GetUtcNow, DateTime.UtcNow), and during the request the check stepped it back {WallClockStep.TotalSeconds:0} s, as an NTP correction " +
            "does. Durations come from the monotonic clock: time.GetTimestamp() before next, time.GetElapsedTime(start) after.");
        // A wrong unit gives an exact factor of the fake clock's duration; a Stopwatch's real duration hits one only by chance,
        // so the factor must match to one part in ten thousand (0.249 ms measured for 250 ms is not "seconds").
        var ratio = expectedMilliseconds > 0 ? measured / expectedMilliseconds : 0;
        static bool IsFactor(double ratio, double factor) => Math.Abs(ratio / factor - 1) < 0.0001;
        Expect.That(!IsFactor(ratio, 0.001),
            $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms: that is the duration in seconds. " +
            "Server-Timing's dur is in milliseconds: write elapsed.TotalMilliseconds, not TotalSeconds.");
        Expect.That(!(IsFactor(ratio, 0.3) || IsFactor(ratio, 0.003)),
            $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms: your duration is off by a constant " +
            "factor. Timestamps count in the provider's own units (time.TimestampFrequency per second), not TimeSpan ticks nor " +
            "Stopwatch.Frequency: let time.GetElapsedTime(start) (GetTimestamp / GetElapsedTime) do the conversion.");
        Expect.That(false,
            $"{request} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms on the check's fake clock" +
            (measured < expectedMilliseconds
                ? " — measure with the TimeProvider you are given (GetTimestamp / GetElapsedTime), not a Stopwatch or DateTime, and measure after the endpoint ran."
                : "."));
    }

    /// <summary>
    /// 07.2's clock: a fake monotonic clock the endpoints move forward, and a wall clock that moves with it but steps back
    /// <see cref="WallClockStep"/> each time, as an NTP correction would. Only GetTimestamp/GetElapsedTime measure right,
    /// and only with the provider's own TimestampFrequency.
    /// </summary>
    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider _monotonic = new(start);
        private TimeSpan _wallOffset;

        public override DateTimeOffset GetUtcNow() => _monotonic.GetUtcNow() + _wallOffset;

        // 3 MHz: neither TimeSpan ticks (10 MHz) nor any Stopwatch.Frequency, so a duration computed as if the timestamps
        // were ticks, or with Stopwatch.Frequency, comes out wrong; GetElapsedTime reads the frequency and is exact.
        public override long GetTimestamp() => _monotonic.GetUtcNow().UtcTicks / 10 * 3;

        public override long TimestampFrequency => 3_000_000;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            _monotonic.CreateTimer(callback, state, dueTime, period);

        /// <summary>The endpoint takes <paramref name="duration"/>; meanwhile the wall clock is corrected backwards.</summary>
        public void Spend(TimeSpan duration)
        {
            _monotonic.Advance(duration);
            _wallOffset -= WallClockStep;
        }
    }

    [GeneratedRegex(@"(?:^|,)\s*app\s*;\s*dur\s*=\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(?:$|[,;])")]
    private static partial Regex ServerTimingApp();

    [GeneratedRegex(@"dur\s*=\s*-?[0-9]+,[0-9]")]
    private static partial Regex CommaDecimal();

    private static void ExpectAdminStatus(int expected, HttpExchange exchange) =>
        Expect.That(exchange.Status == expected,
            $"{exchange.Method} {exchange.Uri.PathAndQuery} with X-Api-Key: {ApiKey} should answer {expected} {ReasonPhrases.GetReasonPhrase(expected)}, " +
            $"but answered {exchange.Status} {exchange.ReasonPhrase} (body: {Expect.DescribeBody(exchange.Body)}).");

    /// <summary>07.3's app: the check's public <c>GET /status</c>, the learner's group, and the check's <c>GET /admin/audit</c> mapped on that group.</summary>
    private sealed class AdminApi(RunningApp api, StrongBox<int> auditRuns) : IAsyncDisposable
    {
        public static async Task<AdminApi> StartAsync(Func<WebApplication, RouteGroupBuilder> answer, CancellationToken token)
        {
            RouteGroupBuilder? group = null;
            var runs = new StrongBox<int>();
            var api = await InMemoryServer.StartAsync(_ => { }, app =>
            {
                app.MapGet("/status", () => "up");
                group = answer(app);
                group?.MapGet("/audit", () =>
                {
                    Interlocked.Increment(ref runs.Value);
                    return new { entries = 2 };
                });
            }, "Production", token);
            if (group is null)
            {
                await api.DisposeAsync();
                throw new CheckFailedException("MapAdmin returned null: return the group (var admin = app.MapGroup(\"/admin\"); … return admin;), so the check can map an endpoint of its own on it.");
            }
            return new AdminApi(api, runs);
        }

        /// <summary>How many times the handler of the check's GET /admin/audit ran.</summary>
        public int AuditRuns => Volatile.Read(ref auditRuns.Value);

        public Task<HttpExchange> SendAsync(HttpMethod method, string path, string? key, CancellationToken token) =>
            SendWithKeysAsync(method, path, key is null ? [] : [key], token);

        /// <summary>Sends the request with one <c>X-Api-Key</c> header per value in <paramref name="keys"/>.</summary>
        public Task<HttpExchange> SendWithKeysAsync(HttpMethod method, string path, string[] keys, CancellationToken token)
        {
            var request = new HttpRequestMessage(method, path);
            if (keys.Length > 0)
            {
                request.Headers.Add("X-Api-Key", keys);
            }
            return api.SendAsync(request, token);
        }

        /// <summary>The precondition of the cases that look closer: through the pipeline, GET /admin/stats without a key is refused.</summary>
        public async Task ExpectStatsGuardedAsync(CancellationToken token)
        {
            var stats = await SendAsync(HttpMethod.Get, "/admin/stats", null, token);
            Expect.That(stats.Status == 401,
                $"GET /admin/stats without a key answered {stats.Status} {stats.ReasonPhrase}: nothing guards the group yet (see the case about 401s).");
        }

        /// <summary>Runs the endpoint whose route is <paramref name="route"/> by itself, without the app's middleware, and returns its status.</summary>
        public async Task<int> InvokeEndpointAlone(string route, CancellationToken token)
        {
            var endpoint = ((IEndpointRouteBuilder)api.App).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
                .FirstOrDefault(e => string.Equals("/" + e.RoutePattern.RawText?.TrimStart('/'), route, StringComparison.OrdinalIgnoreCase)
                    && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("GET") != false);
            Expect.That(endpoint?.RequestDelegate is not null, $"The app has no endpoint GET {route}: map it on the group.");
            await using var scope = api.Services.CreateAsyncScope();
            var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = token };
            context.Request.Method = "GET";
            context.Request.Path = route;
            context.Response.Body = new MemoryStream();
            context.SetEndpoint(endpoint);
            await endpoint!.RequestDelegate!(context);
            return context.Response.StatusCode;
        }

        public ValueTask DisposeAsync() => api.DisposeAsync();
    }

    private static int? ReadOrders(HttpExchange exchange)
    {
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("orders", out var orders)
                && orders.TryGetInt32(out var value) ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }
        return exception;
    }

    /// <summary>07.1's authentication: <c>X-Api-Key: s3cret</c> is user "ada", <c>X-Api-Key: crash</c> throws; anything else is anonymous.</summary>
    internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string SchemeName = "ApiKey";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Request.Headers["X-Api-Key"] == CrashingKey
                ? throw new InvalidOperationException(BoomMessage)
                : Task.FromResult(Request.Headers["X-Api-Key"] == ApiKey
                ? AuthenticateResult.Success(new AuthenticationTicket(
                    new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "ada")], SchemeName)), SchemeName))
                : AuthenticateResult.NoResult());
    }
}
