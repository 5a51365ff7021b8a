using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
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

    /// <summary>The API key of 07.1 (it authenticates user "ada") and 07.3 (it opens the <c>/admin</c> group).</summary>
    public const string ApiKey = "s3cret";

    /// <summary>07.1: order the built-in middleware so a preflight, a 401, an authenticated call and a failing endpoint all behave.</summary>
    public static Exercise<Action<WebApplication>> OrderThePipeline { get; } = new(
        id: "07.1",
        title: "Order the pipeline: exceptions, CORS, authentication, authorization",
        hint: """
            Four built-ins, four calls: UseExceptionHandler(), UseCors(), UseAuthentication(), UseAuthorization() — the services
            are registered for you. The question is the order. Whatever must catch the exceptions of everything else goes first.
            CORS must come before anything that can answer 401, or the 401 leaves without Access-Control-Allow-Origin and the
            browser shows the page a CORS error instead. Authorization needs to know who the user is, so something has to run before it.
            And if you leave a built-in out, WebApplication adds authentication and authorization by itself — at the very start.
            """,
        answers: ExerciseAnswers.Load("07.1"),
        cases:
        [
            new("a preflight OPTIONS /orders from " + FrontEndOrigin + " for PUT with X-Api-Key → 204 with Access-Control-Allow-Origin", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Options, "/orders");
                request.Headers.Add("Origin", FrontEndOrigin);
                request.Headers.Add("Access-Control-Request-Method", "PUT");
                request.Headers.Add("Access-Control-Request-Headers", "X-Api-Key");
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.That(exchange.Status is 200 or 204,
                    $"The preflight should answer 204 No Content, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 405 ? " — no CORS middleware answered it, so routing found PUT /orders but no OPTIONS endpoint." : "."));
                Expect.That(exchange.Header("Access-Control-Allow-Origin") == FrontEndOrigin,
                    $"The preflight should allow the front end with Access-Control-Allow-Origin: {FrontEndOrigin}, but sent {exchange.Header("Access-Control-Allow-Origin") ?? "no such header"}: is UseCors() in the pipeline?");
            }),
            new("an anonymous cross-origin PUT /orders → 401 that still carries Access-Control-Allow-Origin (so the page can read it)", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Put, "/orders");
                request.Headers.Add("Origin", FrontEndOrigin);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.Status(401, exchange);
                Expect.That(exchange.Header("Access-Control-Allow-Origin") == FrontEndOrigin,
                    "The 401 left without Access-Control-Allow-Origin, so a browser hides it and the page sees a CORS error instead of \"please log in\". " +
                    "Authorization answered before CORS could add its headers: move UseCors() before it (and remember that WebApplication puts " +
                    "authentication and authorization at the start of the pipeline when you don't place them yourself).");
            }),
            new("GET /me with X-Api-Key: " + ApiKey + " → 200 \"ada\" (authenticated, then authorized)", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/me");
                request.Headers.Add("X-Api-Key", ApiKey);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.That(exchange.Status == 200,
                    $"GET /me with a valid key should answer 200, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 401 ? ": authorization ran before authentication, so it saw an anonymous user." : "."));
                Expect.Equal("ada", exchange.Body, "the body of GET /me");
            }),
            new("GET /boom (the endpoint throws) → 500 problem details that do not reveal the exception", async (answer, token) =>
            {
                var exchange = await SendToOrderedApiAsync(answer, new HttpRequestMessage(HttpMethod.Get, "/boom"), token);
                Expect.Status(500, exchange);
                Expect.That((exchange.Header("Content-Type") ?? "").StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase),
                    $"The 500 should be problem details (application/problem+json) written by UseExceptionHandler(), but its Content-Type was {exchange.Header("Content-Type") ?? "missing"}.");
                Expect.That(!exchange.Body.Contains(BoomMessage, StringComparison.Ordinal), "The 500 gives the exception's message away.");
            }),
            new("GET /me with X-Api-Key: " + CrashingKey + " (the authentication handler throws) → 500 problem details too", async (answer, token) =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/me");
                request.Headers.Add("X-Api-Key", CrashingKey);
                var exchange = await SendToOrderedApiAsync(answer, request, token);
                Expect.Status(500, exchange);
                Expect.That((exchange.Header("Content-Type") ?? "").StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase),
                    $"The 500 should be problem details (application/problem+json) written by UseExceptionHandler(), but its Content-Type was {exchange.Header("Content-Type") ?? "missing"}.");
                Expect.That(!exchange.Body.Contains(BoomMessage, StringComparison.Ordinal), "The 500 gives the exception's message away.");
            }),
        ]);

    /// <summary>07.2: a timing middleware that measures with the <see cref="TimeProvider"/> it is given and sends <c>Server-Timing: app;dur=…</c>.</summary>
    public static Exercise<Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>>> ServerTiming { get; } = new(
        id: "07.2",
        title: "A Server-Timing middleware (with a TimeProvider)",
        hint: """
            Take a timestamp with time.GetTimestamp() before you call next, and compute time.GetElapsedTime(start) when you need
            the duration — never DateTime.Now or a Stopwatch: the check moves a fake clock and only the TimeProvider sees it.
            The catch: most endpoints write their body, and once the body starts the headers are gone (setting one throws
            "the response has already started"). context.Response.OnStarting(…) runs a callback just before the headers go out —
            measure and set the header there. Format: app;dur= followed by milliseconds, e.g. app;dur=12.5 (invariant culture).
            """,
        answers: ExerciseAnswers.Load("07.2"),
        cases:
        [
            new("GET /report: the endpoint takes 250 ms (on a fake clock) and writes its body → Server-Timing: app;dur=250", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/report", token);
                Expect.Status(200, exchange);
                Expect.Equal("report ready", exchange.Body, "the body of GET /report");
                ExpectDuration(exchange, 250);
            }),
            new("GET /quick: 40 ms → app;dur=40 (a second measurement, so a constant cannot pass)", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/quick", token);
                Expect.Status(200, exchange);
                ExpectDuration(exchange, 40);
            }),
            new("DELETE /cache: 5 ms and no body → 204 with app;dur=5", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Delete, "/cache", token);
                Expect.Status(204, exchange);
                ExpectDuration(exchange, 5);
            }),
            new("GET /nowhere (no endpoint) → 404 that is timed too: app;dur=0", async (answer, token) =>
            {
                var exchange = await SendToTimedApiAsync(answer, HttpMethod.Get, "/nowhere", token);
                Expect.Status(404, exchange);
                ExpectDuration(exchange, 0);
            }),
        ]);

    /// <summary>07.3: an endpoint filter on the <c>/admin</c> route group that demands <c>X-Api-Key</c>, and nothing else.</summary>
    public static Exercise<Action<WebApplication>> AdminApiKey { get; } = new(
        id: "07.3",
        title: "An API-key endpoint filter for one route group",
        hint: """
            var admin = app.MapGroup("/admin"); then admin.AddEndpointFilter(async (context, next) => …) applies to every endpoint
            mapped on the group — and to nothing outside it. In the filter, read context.HttpContext.Request.Headers["X-Api-Key"];
            if it is not exactly the key, return TypedResults.Unauthorized() without calling next (the handler never runs);
            otherwise return await next(context). Then map the two endpoints on the group, not on app.
            Why not a middleware on the /admin path? Check what it would answer for /admin/nowhere.
            """,
        answers: ExerciseAnswers.Load("07.3"),
        cases:
        [
            new("GET /admin/stats with X-Api-Key: s3cret → 200 {\"orders\": 3}; DELETE /admin/cache with the key → 204", async (answer, token) =>
            {
                var stats = await SendToAdminApiAsync(answer, HttpMethod.Get, "/admin/stats", ApiKey, token);
                Expect.Status(200, stats);
                Expect.That(ReadOrders(stats) == 3, $"GET /admin/stats should answer {{\"orders\": 3}}, but sent {stats.Body}.");
                Expect.Status(204, await SendToAdminApiAsync(answer, HttpMethod.Delete, "/admin/cache", ApiKey, token));
            }),
            new("without the key, or with a wrong one (\"S3CRET\", \"nope\"), both /admin endpoints → 401", async (answer, token) =>
            {
                foreach (var key in new string?[] { null, "S3CRET", "nope" })
                {
                    foreach (var (method, path) in new[] { (HttpMethod.Get, "/admin/stats"), (HttpMethod.Delete, "/admin/cache") })
                    {
                        var exchange = await SendToAdminApiAsync(answer, method, path, key, token);
                        Expect.That(exchange.Status == 401,
                            $"{method} {path} with {(key is null ? "no X-Api-Key" : $"X-Api-Key: {key}")} should answer 401 Unauthorized, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                            (exchange.Status is 200 or 204 ? ": the filter does not guard every endpoint of the group (put it on the group, compare the key exactly)." : "."));
                    }
                }
            }),
            new("GET /status (outside the group) without a key → 200 \"up\": the filter guards the group only", async (answer, token) =>
            {
                var exchange = await SendToAdminApiAsync(answer, HttpMethod.Get, "/status", null, token);
                Expect.Status(200, exchange);
                Expect.Equal("up", exchange.Body, "the body of GET /status");
            }),
            new("GET /admin/nowhere without a key → 404: a filter runs only for an endpoint that matched (a middleware would say 401)", async (answer, token) =>
            {
                var exchange = await SendToAdminApiAsync(answer, HttpMethod.Get, "/admin/nowhere", null, token);
                Expect.That(exchange.Status == 404,
                    $"GET /admin/nowhere should answer 404 Not Found, but answered {exchange.Status} {exchange.ReasonPhrase}" +
                    (exchange.Status == 401 ? ": a middleware checks the key for every /admin path, even one with no endpoint — write an endpoint filter on the group instead." : "."));
            }),
        ]);

    /// <summary>The exercises of notebook 07, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [OrderThePipeline, ServerTiming, AdminApiKey];

    /// <summary>The message of the exception GET /boom throws in 07.1: it must not reach the client.</summary>
    internal const string BoomMessage = "Connection string Password=hunter2 rejected";

    /// <summary>The API key that makes 07.1's authentication handler throw: only an exception handler outside authentication catches it.</summary>
    internal const string CrashingKey = "crash";

    /// <summary>Starts the 07.1 API (CORS policy, API-key authentication, problem details registered) with the learner's pipeline.</summary>
    internal static async Task<HttpExchange> SendToOrderedApiAsync(Action<WebApplication> pipeline, HttpRequestMessage request, CancellationToken token)
    {
        await using var api = await InMemoryServer.StartAsync(builder =>
        {
            builder.Services.AddProblemDetails();
            builder.Services.AddCors(options => options.AddDefaultPolicy(policy =>
                policy.WithOrigins(FrontEndOrigin).WithMethods("PUT", "DELETE").WithHeaders("X-Api-Key")));
            builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
                .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
            builder.Services.AddAuthorization();
        }, app =>
        {
            pipeline(app);
            app.MapGet("/boom", string () => throw new InvalidOperationException(BoomMessage));
            app.MapPut("/orders", () => TypedResults.NoContent()).RequireAuthorization();
            app.MapGet("/me", (ClaimsPrincipal user) => user.Identity?.Name ?? "").RequireAuthorization();
        }, "Production", token);
        var what = $"{request.Method} {request.RequestUri}";
        try
        {
            return await api.SendAsync(request, token);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException && !token.IsCancellationRequested)
        {
            throw new CheckFailedException(
                $"{what}: an exception went through the whole pipeline unhandled ({Innermost(exception).Message}); Kestrel would send a bare 500 " +
                "with no body. UseExceptionHandler() must be outside (before) every layer whose exceptions it should catch.");
        }
    }

    private static async Task<HttpExchange> SendToTimedApiAsync(Func<TimeProvider, Func<HttpContext, RequestDelegate, Task>> answer, HttpMethod method,
        string path, CancellationToken token)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var middleware = answer(time) ?? throw new CheckFailedException("ServerTiming returned null instead of a middleware.");
        await using var api = await InMemoryServer.StartAsync(_ => { }, app =>
        {
            app.Use(middleware);
            app.MapGet("/report", async (HttpContext context) =>
            {
                time.Advance(TimeSpan.FromMilliseconds(250));
                await context.Response.WriteAsync("report ready");
            });
            app.MapGet("/quick", () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(40));
                return "quick";
            });
            app.MapDelete("/cache", () =>
            {
                time.Advance(TimeSpan.FromMilliseconds(5));
                return TypedResults.NoContent();
            });
        }, "Production", token);
        try
        {
            return await api.SendAsync(new HttpRequestMessage(method, path), token);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException && !token.IsCancellationRequested)
        {
            var inner = Innermost(exception);
            throw new CheckFailedException($"{method} {path} failed inside the middleware: {inner.Message}" +
                (inner.Message.Contains("already started", StringComparison.OrdinalIgnoreCase)
                    ? " The endpoint had already written its body, so the headers were sent: set the header in context.Response.OnStarting(…)."
                    : ""));
        }
    }

    private static void ExpectDuration(HttpExchange exchange, double expectedMilliseconds)
    {
        var header = exchange.Header("Server-Timing");
        Expect.That(header is not null, $"{exchange.Method} {exchange.Uri.PathAndQuery} sent no Server-Timing header.");
        var match = ServerTimingApp().Match(header!);
        Expect.That(match.Success, $"{exchange.Method} {exchange.Uri.PathAndQuery} sent Server-Timing: {header}, but the check wants a metric named app with a duration, such as app;dur=12.5.");
        var measured = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        Expect.That(Math.Abs(measured - expectedMilliseconds) <= 0.5,
            $"{exchange.Method} {exchange.Uri.PathAndQuery} reported app;dur={match.Groups[1].Value}, but the request took {expectedMilliseconds} ms on the fake clock" +
            (measured < expectedMilliseconds ? " — measure with the TimeProvider you are given (GetTimestamp / GetElapsedTime), not a Stopwatch or DateTime, and measure after the endpoint ran." : "."));
    }

    [GeneratedRegex(@"(?:^|,)\s*app\s*;\s*dur\s*=\s*([0-9]+(?:\.[0-9]+)?)\s*(?:$|[,;])")]
    private static partial Regex ServerTimingApp();

    private static async Task<HttpExchange> SendToAdminApiAsync(Action<WebApplication> answer, HttpMethod method, string path, string? key, CancellationToken token)
    {
        await using var api = await InMemoryServer.StartAsync(_ => { }, app =>
        {
            app.MapGet("/status", () => "up");
            answer(app);
        }, "Production", token);
        var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }
        return await api.SendAsync(request, token);
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
