using System.Net.Http.Headers;
using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>The exercises of notebook 04, routing and parameters.</summary>
public static class RoutingAndParametersExercises
{
    /// <summary>The largest file, in bytes, that exercise 04.2's upload endpoint accepts.</summary>
    internal const int MaxPhotoBytes = 1024;

    /// <summary>
    /// 04.1: <c>POST /session</c> reads a custom header and sets a session cookie with the right security flags;
    /// <c>GET /me</c> reads the cookie back.
    /// </summary>
    public static Exercise<Action<WebApplication>> Sessions { get; } = new(
        id: "04.1",
        title: "A custom header in, a secure session cookie out",
        hint: """
            Read the header by its real name: [FromHeader(Name = "X-Client-Id")] string? clientId — a parameter called
            x_client_id would look for a header literally named "x_client_id". Make the session id unguessable (a random
            number from System.Security.Cryptography.RandomNumberGenerator, as hex) and remember which client it belongs to
            in a dictionary created inside MapSessions. Set the cookie with response.Cookies.Append(name, value, options):
            without a CookieOptions it carries no security flags at all. There is no [FromCookie] in ASP.NET Core:
            take the HttpRequest as a parameter and read request.Cookies["session_id"].
            Results.BadRequest(), Results.Unauthorized() and Results.Ok(new { clientId }) give the statuses.
            """,
        answers: ExerciseAnswers.Load("04.1"),
        cases:
        [
            new("POST /session with X-Client-Id → 200, {\"clientId\": …} echoed, and a session_id cookie", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var clientId = NewClientId();
                    var exchange = await StartSessionAsync(server, clientId, token);
                    Expect.Status(200, exchange);
                    Expect.Equal(clientId, ReadString(exchange, "clientId"), "the clientId in the JSON body (the X-Client-Id header's value)");
                    SessionCookie(exchange);
                }
            }),
            new("the session cookie is HttpOnly, Secure and SameSite=Strict or Lax, for Path=/", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var cookie = SessionCookie(await StartSessionAsync(server, NewClientId(), token));
                    Expect.That(cookie.HttpOnly, $"The session cookie should be HttpOnly (page scripts must not read it), but it is not: {cookie}. Pass a CookieOptions with HttpOnly = true.");
                    Expect.That(cookie.Secure, $"The session cookie should be Secure (sent over HTTPS only), but it is not: {cookie}.");
                    Expect.That(cookie.SameSite is "Strict" or "Lax",
                        $"The session cookie should say SameSite=Strict or Lax (not sent with other sites' requests), but it says {cookie.SameSite ?? "nothing"}.");
                    Expect.That(cookie.Path is null or "/", $"The session cookie should be for the whole site (Path=/), but its Path is {cookie.Path}.");
                }
            }),
            new("two sessions get different, unguessable ids (at least 16 characters)", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var first = SessionCookie(await StartSessionAsync(server, "client-a", token)).Value;
                    var second = SessionCookie(await StartSessionAsync(server, "client-a", token)).Value;
                    Expect.That(first != second, $"Two sessions got the same id \"{first}\": anyone who learns it is everyone's session. Make a new random id per session.");
                    Expect.That(first.Length >= 16 && second.Length >= 16,
                        $"Session ids \"{first}\" and \"{second}\" are too short to be unguessable: use at least 16 random characters (RandomNumberGenerator.GetBytes(16) as hex gives 32).");
                    var differing = first.Zip(second).Count(pair => pair.First != pair.Second) + Math.Abs(first.Length - second.Length);
                    Expect.That(differing >= 8,
                        $"Two sessions in a row got the ids \"{first}\" and \"{second}\", which differ in only {differing} character(s): the next one can be guessed " +
                        "from them (a counter or a timestamp). Make each id random: RandomNumberGenerator.GetBytes(16) as hex.");
                }
            }),
            new("POST /session without X-Client-Id (but with a header named x_client_id) → 400", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var exchange = await StartSessionAsync(server, clientId: null, token, extraHeader: ("x_client_id", "mallory"));
                    Expect.That(!(exchange.Status == 200 && exchange.Body.Contains("mallory", StringComparison.Ordinal)),
                        "POST /session read the header x_client_id as the client id: ASP.NET Core does not turn underscores into hyphens, " +
                        "so a parameter named x_client_id binds a header literally called x_client_id. Name the header: [FromHeader(Name = \"X-Client-Id\")].");
                    Expect.Status(400, exchange);
                    Expect.That(SetCookie(exchange) is null, "A refused request (400) should not start a session, but it set a session_id cookie.");
                }
            }),
            new("GET /me with the session cookie → 200 and that session's clientId; no cookie or a made-up one → 401", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var alice = NewClientId();
                    var bob = NewClientId();
                    var aliceSession = SessionCookie(await StartSessionAsync(server, alice, token)).Value;
                    var bobSession = SessionCookie(await StartSessionAsync(server, bob, token)).Value;
                    foreach (var (session, clientId) in new[] { (aliceSession, alice), (bobSession, bob) })
                    {
                        var me = await GetMeAsync(server, session, token);
                        Expect.Status(200, me);
                        Expect.Equal(clientId, ReadString(me, "clientId"), "the clientId that GET /me answers for this session");
                    }
                    Expect.Status(401, await GetMeAsync(server, sessionId: null, token));
                    Expect.Status(401, await GetMeAsync(server, "0123456789ABCDEF0123456789ABCDEF", token));
                }
            }),
        ]);

    /// <summary>04.2: <c>POST /photos</c> accepts one to three files and refuses any file over 1,024 bytes with 413.</summary>
    public static Exercise<Action<WebApplication>> Uploads { get; } = new(
        id: "04.2",
        title: "An upload endpoint with a size limit",
        hint: """
            Bind the form's files with an IFormFileCollection parameter and take the ones in the "files" field with
            files.GetFiles("files"); each IFormFile has FileName and Length. Check the count first (400 for none or more
            than three), then each file's size: Results.StatusCode(StatusCodes.Status413PayloadTooLarge). The API is
            called with tokens, not cookies, so a form endpoint here must opt out of antiforgery — without that the check's
            app (which has no antiforgery middleware) fails every request with 500.
            """,
        answers: ExerciseAnswers.Load("04.2"),
        cases:
        [
            new("two small files (each under 1,024 bytes, together over it) → 200 with [{\"name\", \"size\"}] for each, in order", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    // Each file is under the limit, together they are over it (at least 1,100 bytes): a rule on the total fails here.
                    var sizes = new[] { 300 + Random.Shared.Next(400), 800 + Random.Shared.Next(200) };
                    var names = new[] { $"cat-{Random.Shared.Next(1000)}.png", $"dog-{Random.Shared.Next(1000)}.jpg" };
                    var exchange = await UploadAsync(server, [(names[0], sizes[0]), (names[1], sizes[1])], token);
                    Expect.That(exchange.Status != 413,
                        $"POST /photos with two files of {sizes[0]:N0} and {sizes[1]:N0} bytes answered 413, but the limit is per file (1,024 bytes each), not for their total.");
                    Expect.Status(200, exchange);
                    var photos = ReadPhotos(exchange);
                    Expect.Equal(2, photos.Count, "the number of entries in the JSON array");
                    for (var i = 0; i < 2; i++)
                    {
                        Expect.Equal(names[i], photos[i].Name, $"entry {i}'s \"name\" (the file name the client sent)");
                        Expect.Equal((long)sizes[i], photos[i].Size, $"entry {i}'s \"size\" (the file's length in bytes)");
                    }
                }
            }),
            new("a file of exactly 1,024 bytes is accepted (200); one of 1,025 bytes → 413", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    Expect.Status(200, await UploadAsync(server, [("edge.png", MaxPhotoBytes)], token));
                    Expect.Status(413, await UploadAsync(server, [("big.png", MaxPhotoBytes + 1)], token));
                }
            }),
            new("a small file beside a 50,000-byte one → 413 (every file is checked)", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    Expect.Status(413, await UploadAsync(server, [("small.png", 10), ("huge.png", 50_000)], token));
                }
            }),
            new("no file (only a text field) → 400; four files → 400", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    Expect.Status(400, await UploadAsync(server, [], token));
                    Expect.Status(400, await UploadAsync(server, [("1.png", 10), ("2.png", 10), ("3.png", 10), ("4.png", 10)], token));
                }
            }),
        ]);

    /// <summary>04.3: a route group <c>/api/orders</c> with a tag and a shared endpoint filter that requires a tenant header.</summary>
    public static Exercise<Action<WebApplication>> OrdersGroup { get; } = new(
        id: "04.3",
        title: "A route group with a prefix, a tag and a shared filter",
        hint: """
            app.MapGroup("/api/orders") returns a RouteGroupBuilder: what you call on it (.WithTags("orders"),
            .AddEndpointFilter(...)) applies to every endpoint mapped on the group. Map the endpoints on the group with
            paths relative to its prefix: "/" and "/{id:int}". In the filter, context.HttpContext.Request.Headers["X-Tenant-Id"]
            is the header; return Results.BadRequest() to stop, or await next(context) to go on. Middleware (app.Use) would
            also run for the check's /health endpoint — a group is not a separate app.
            """,
        answers: ExerciseAnswers.Load("04.3"),
        cases:
        [
            new("GET /api/orders, /api/orders/ and /api/orders/42 with X-Tenant-Id → 200 (a JSON array; {\"id\": 42})", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    foreach (var path in new[] { "/api/orders", "/api/orders/" })
                    {
                        var list = await GetAsTenantAsync(server, path, "tenant-a", token);
                        Expect.Status(200, list);
                        Expect.That(IsJsonArray(list.Body), $"GET {path} should answer a JSON array of orders, but answered {Shorten(list.Body)}.");
                    }
                    var id = 10 + Random.Shared.Next(90);
                    var one = await GetAsTenantAsync(server, $"/api/orders/{id}", "tenant-a", token);
                    Expect.Status(200, one);
                    Expect.Equal(id, ReadInt(one, "id"), $"the \"id\" that GET /api/orders/{id} answers");
                }
            }),
            new("GET /api/orders/abc → 404 (an {id:int} constraint), with or without X-Tenant-Id (no endpoint matched, so no filter ran)", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    Expect.Status(404, await GetAsTenantAsync(server, "/api/orders/abc", "tenant-a", token));
                    var unmatched = await GetAsTenantAsync(server, "/api/orders/abc", tenant: null, token);
                    Expect.That(unmatched.Status != 400,
                        "GET /api/orders/abc without X-Tenant-Id answered 400, but no endpoint matches that path: the tenant rule ran without an endpoint, " +
                        "so it is middleware checking the path. Put it on the group with AddEndpointFilter: a filter runs only for the group's matched endpoints.");
                    Expect.Status(404, unmatched);
                }
            }),
            new("without X-Tenant-Id, every endpoint of the group → 400", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    foreach (var path in new[] { "/api/orders", "/api/orders/7" })
                    {
                        var exchange = await GetAsTenantAsync(server, path, tenant: null, token);
                        Expect.Status(400, exchange);
                    }
                }
            }),
            new("the filter belongs to the group: the app's own GET /health still answers 200 without X-Tenant-Id", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    var health = await GetAsTenantAsync(server, "/health", tenant: null, token);
                    Expect.That(health.Status == 200,
                        $"GET /health (mapped by the check, outside your group) answered {health.Status} instead of 200: the tenant rule reached an endpoint " +
                        "outside the group. Put it on the group with AddEndpointFilter, not in middleware.");
                }
            }),
            new("every endpoint under /api/orders carries the tag \"orders\"", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    var endpoints = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                        .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/orders", StringComparison.OrdinalIgnoreCase))
                        .ToList();
                    Expect.That(endpoints.Count >= 2, $"Expected at least two endpoints under /api/orders, but found {endpoints.Count}.");
                    foreach (var endpoint in endpoints)
                    {
                        var tags = endpoint.Metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).ToList();
                        Expect.That(tags.Contains("orders"),
                            $"The endpoint {endpoint.RoutePattern.RawText} has the tags [{string.Join(", ", tags)}], not \"orders\": put .WithTags(\"orders\") on the group.");
                    }
                }
            }),
        ]);

    /// <summary>The exercises of notebook 04, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [Sessions, Uploads, OrdersGroup];

    /// <summary>Starts the learner's app in Production (no developer exception page: what the code throws reaches the check).</summary>
    private static Task<RunningApp> StartAsync(Action<WebApplication> configure, CancellationToken token) =>
        InMemoryServer.StartAsync(_ => { }, configure, "Production", token);

    private static Task<RunningApp> StartOrdersAsync(Action<WebApplication> configure, CancellationToken token) =>
        InMemoryServer.StartAsync(_ => { }, app =>
        {
            app.MapGet("/health", () => "healthy");
            configure(app);
        }, "Production", token);

    private static string NewClientId() => $"client-{Random.Shared.Next(10_000, 100_000)}";

    private static async Task<HttpExchange> StartSessionAsync(RunningApp server, string? clientId, CancellationToken token,
        (string Name, string Value)? extraHeader = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/session");
        if (clientId is not null)
        {
            request.Headers.Add("X-Client-Id", clientId);
        }
        if (extraHeader is { } header)
        {
            request.Headers.TryAddWithoutValidation(header.Name, header.Value);
        }
        return await server.SendAsync(request, token);
    }

    private static async Task<HttpExchange> GetMeAsync(RunningApp server, string? sessionId, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (sessionId is not null)
        {
            request.Headers.Add("Cookie", $"session_id={sessionId}");
        }
        return await server.SendAsync(request, token);
    }

    private static ResponseCookie? SetCookie(HttpExchange exchange) => exchange.SetCookies.FirstOrDefault(c => c.Name == "session_id");

    private static ResponseCookie SessionCookie(HttpExchange exchange) =>
        SetCookie(exchange) ?? throw new CheckFailedException(
            $"POST /session should set a cookie named session_id, but {(exchange.SetCookies.Count == 0 ? "set no cookie" : "set only " + string.Join(", ", exchange.SetCookies.Select(c => c.Name)))}.");

    private static async Task<HttpExchange> UploadAsync(RunningApp server, IReadOnlyList<(string Name, int Size)> files, CancellationToken token)
    {
        var form = new MultipartFormDataContent("course-check-boundary");
        form.Add(new StringContent("holiday"), "album");
        foreach (var (name, size) in files)
        {
            var content = new ByteArrayContent(new byte[size]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "files", name);
        }
        try
        {
            return await server.PostAsync("/photos", form, token);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("anti-forgery", StringComparison.Ordinal))
        {
            throw new CheckFailedException(
                "POST /photos failed on the server: \"" + e.Message + "\" A form endpoint needs antiforgery, and this API (called with tokens, " +
                "not cookies) has no antiforgery middleware: call .DisableAntiforgery() on the endpoint.");
        }
    }

    private sealed record Photo(string? Name, long Size);

    private static List<Photo> ReadPhotos(HttpExchange exchange)
    {
        try
        {
            return JsonSerializer.Deserialize<List<Photo>>(exchange.Body, JsonSerializerOptions.Web)
                ?? throw new CheckFailedException("POST /photos answered JSON null instead of an array.");
        }
        catch (JsonException)
        {
            throw new CheckFailedException($"POST /photos should answer a JSON array like [{{\"name\": \"cat.png\", \"size\": 120}}], but answered {Shorten(exchange.Body)}.");
        }
    }

    private static async Task<HttpExchange> GetAsTenantAsync(RunningApp server, string path, string? tenant, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant-Id", tenant);
        }
        return await server.SendAsync(request, token);
    }

    private static string? ReadString(HttpExchange exchange, string property) =>
        ReadProperty(exchange, property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static int? ReadInt(HttpExchange exchange, string property) =>
        ReadProperty(exchange, property) is { ValueKind: JsonValueKind.Number } value && value.TryGetInt32(out var number) ? number : null;

    private static JsonElement? ReadProperty(HttpExchange exchange, string property)
    {
        try
        {
            using var document = JsonDocument.Parse(exchange.Body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(property, out var value)
                ? value.Clone()
                : null;
        }
        catch (JsonException)
        {
            throw new CheckFailedException(
                $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer a JSON object with \"{property}\", but answered {Shorten(exchange.Body)}.");
        }
    }

    private static bool IsJsonArray(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string text) => text.Length == 0 ? "an empty body" : text.Length <= 120 ? $"\"{text}\"" : $"\"{text[..120]}…\"";
}
