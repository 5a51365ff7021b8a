using System.Net.Http.Headers;
using System.Text.Json;
using Course.Hosting;
using Course.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Http;
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
            number from System.Security.Cryptography.RandomNumberGenerator, as hex — not System.Random, not a hash of the
            time), a new one for every session even when the request already carries a session_id cookie, and remember
            which client it belongs to in a dictionary created inside MapSessions. Set the cookie with response.Cookies.Append(name, value, options):
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
                    var exchange = await StartSessionOkAsync(server, clientId, token);
                    Expect.Equal(clientId, ReadString(exchange, "clientId"), "the clientId in the JSON body (the X-Client-Id header's value)");
                    SessionCookie(exchange);
                }
            }),
            new("the session cookie is HttpOnly, Secure and SameSite=Strict or Lax, for Path=/", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var cookie = SessionCookie(await StartSessionOkAsync(server, NewClientId(), token));
                    Expect.That(cookie.HttpOnly, $"The session cookie should be HttpOnly (page scripts must not read it), but it is not: {cookie}. Pass a CookieOptions with HttpOnly = true.");
                    Expect.That(cookie.Secure, $"The session cookie should be Secure (sent over HTTPS only), but it is not: {cookie}.");
                    Expect.That(cookie.SameSite is "Strict" or "Lax",
                        $"The session cookie should say SameSite=Strict or Lax (not sent with other sites' requests), but it says {cookie.SameSite ?? "nothing"}.");
                    Expect.That(cookie.Path is null or "/", $"The session cookie should be for the whole site (Path=/), but its Path is {cookie.Path}.");
                }
            }),
            new("session ids are unguessable: two in a row differ, a restarted app does not repeat them, and none is a hash of a counter", async (configure, token) =>
            {
                string first, second, afterRestart;
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    first = SessionCookie(await StartSessionOkAsync(server, PredictableIds.Client, token)).Value;
                    second = SessionCookie(await StartSessionOkAsync(server, PredictableIds.Client, token)).Value;
                }
                Expect.That(first != second, $"Two sessions got the same id \"{first}\": anyone who learns it is everyone's session. Make a new random id per session.");
                Expect.That(first.Length >= 16 && second.Length >= 16,
                    $"Session ids \"{first}\" and \"{second}\" are too short to be unguessable: use at least 16 random characters (RandomNumberGenerator.GetBytes(16) as hex gives 32).");
                var differing = first.Zip(second).Count(pair => pair.First != pair.Second) + Math.Abs(first.Length - second.Length);
                Expect.That(differing >= 8,
                    $"Two sessions in a row got the ids \"{first}\" and \"{second}\", which differ in only {differing} character(s): the next one can be guessed " +
                    "from them (a counter or a timestamp). Make each id random: RandomNumberGenerator.GetBytes(16) as hex.");
                ExpectNotAHashOfASmallNumber(first);
                ExpectNotAHashOfASmallNumber(second);
                // A fresh app, as after a deployment: ids made from a counter or a seeded generator start over.
                var restarted = await StartAsync(configure, token);
                await using (restarted)
                {
                    afterRestart = SessionCookie(await StartSessionOkAsync(restarted, PredictableIds.Client, token)).Value;
                }
                Expect.That(afterRestart != first && afterRestart != second,
                    $"After a restart the app handed out the session id \"{afterRestart}\" again, as it did before the restart: the ids come from a " +
                    "counter, a seeded Random or the client id, so anyone can compute them (the next user's, or yesterday's). Make each id random: " +
                    "RandomNumberGenerator.GetBytes(16) as hex.");
                ExpectNotAHashOfASmallNumber(afterRestart);
                // Ids from System.Random or a hash of the clock pass every test above (they differ, and a restart does not
                // repeat them), but an attacker computes them: look at what the code calls to make them.
                var calls = SessionIdSources.Of(configure);
                Expect.That(!calls.UsesSystemRandom || calls.UsesCryptographicRandom,
                    "Your session ids come from System.Random (new Random(), Random.Shared): it is not a cryptographic generator. Its numbers " +
                    "follow from its internal state, which an attacker can work out from a few ids it was given, and then compute everyone " +
                    "else's. Make each id with System.Security.Cryptography.RandomNumberGenerator: RandomNumberGenerator.GetBytes(16) as hex.");
                Expect.That(!(calls.ReadsTheClock && calls.Hashes) || calls.UsesCryptographicRandom,
                    "Your session ids look random, but they are a hash of the time (DateTime.UtcNow, ticks or the like) with no random input: an " +
                    "attacker who knows roughly when someone logged in hashes every tick around it and finds the id. Hashing adds no randomness; " +
                    "make each id random: RandomNumberGenerator.GetBytes(16) as hex.");
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
                    ExpectStatus(400, exchange, "a request without X-Client-Id names no client, so it must not start a session");
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
                    var aliceSession = SessionCookie(await StartSessionOkAsync(server, alice, token)).Value;
                    var bobSession = SessionCookie(await StartSessionOkAsync(server, bob, token)).Value;
                    foreach (var (session, clientId) in new[] { (aliceSession, alice), (bobSession, bob) })
                    {
                        var me = await GetMeAsync(server, session, token);
                        ExpectStatus(200, me, "the cookie is one that POST /session set");
                        Expect.Equal(clientId, ReadString(me, "clientId"), "the clientId that GET /me answers for this session");
                    }
                    ExpectStatus(401, await GetMeAsync(server, sessionId: null, token), "the request carries no session cookie");
                    ExpectStatus(401, await GetMeAsync(server, "0123456789ABCDEF0123456789ABCDEF", token), "no session has that id");
                }
            }),
            new("GET /me with a forged or tampered session_id → 401 (one character changed; \"anything.<clientId>\"; the client id itself); a planted id is not reused", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var alice = NewClientId();
                    var bob = NewClientId();
                    var aliceSession = SessionCookie(await StartSessionOkAsync(server, alice, token)).Value;
                    var bobSession = SessionCookie(await StartSessionOkAsync(server, bob, token)).Value;
                    foreach (var (forged, how) in Forgeries(aliceSession, alice, bobSession, bob))
                    {
                        var me = await GetMeAsync(server, forged, token);
                        var answeredFor = me.Status == 200 ? ReadStringOrNull(me, "clientId") : null;
                        Expect.That(me.Status is not (>= 200 and < 300),
                            $"GET /me with the cookie session_id={forged} ({how}) answered {me.Status} {ReasonPhrase(me.Status)}" +
                            (answeredFor is null ? "" : $" for clientId \"{answeredFor}\"") + $", but POST /session never issued that id: anyone can forge " +
                            "such a cookie. /me must trust only ids the server itself handed out: keep the sessions on the server (a dictionary from a " +
                            "random id to the client id, made inside MapSessions) and answer 401 for any id that is not in it.");
                        ExpectStatus(401, me, $"the cookie is {how}, an id POST /session never issued");
                    }
                    // Session fixation: an attacker plants a session id in the victim's browser (one it made up, or its own real
                    // one) before the victim starts a session. A new session must get a new id, whatever cookie came with it.
                    foreach (var (planted, how) in new[] { ("fixated0123456789abcdef0123456789", "an id the client made up"), (bobSession, "another client's real session id") })
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "/session");
                        request.Headers.Add("X-Client-Id", alice);
                        request.Headers.Add("Cookie", $"session_id={planted}");
                        var started = await Explained(() => server.SendAsync(request, token));
                        var issued = started.Status == 200 ? SetCookie(started)?.Value : null;
                        var me = await GetMeAsync(server, planted, token);
                        var answeredFor = me.Status == 200 ? ReadStringOrNull(me, "clientId") : null;
                        Expect.That(issued != planted && answeredFor != alice,
                            $"POST /session for \"{alice}\" came with the cookie session_id={planted} ({how}), and " +
                            (issued == planted ? "kept that id for the new session" : $"GET /me with that id then answered for \"{alice}\"") +
                            ": session fixation. An attacker who plants an id in a victim's browser shares the victim's session once they start it. " +
                            "Make a new random id every time POST /session starts a session, whatever cookie the request carries.");
                    }
                }
            }),
        ]) { WarmUpAnswer = StandInAnswers.Cookies };

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
            new("three small files (each under 1,024 bytes, together over it) → 200 with [{\"name\", \"size\"}] for each, in the order sent", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    // Each file is under the limit, together they are over it: a rule on the total fails here. The order is
                    // neither by name nor by size, so only "in the order sent" passes.
                    var files = new (string Name, int Size)[]
                    {
                        ($"mango-{Random.Shared.Next(100, 1000)}.png", 600 + Random.Shared.Next(100)),
                        ($"apple-{Random.Shared.Next(100, 1000)}.jpg", 200 + Random.Shared.Next(100)),
                        ($"zebra-{Random.Shared.Next(100, 1000)}.png", 900 + Random.Shared.Next(100)),
                    };
                    var exchange = await UploadAsync(server, files, token);
                    Expect.That(exchange.Status != 413,
                        $"POST /photos with three files of {files[0].Size:N0}, {files[1].Size:N0} and {files[2].Size:N0} bytes answered 413, but the limit is per file (1,024 bytes each), not for their total.");
                    if (exchange.Status == 400 && (await UploadAsync(server, files[..2], token)).Status == 200)
                    {
                        throw new CheckFailedException(
                            "POST /photos answered 400 Bad Request to three files, each within the limit, and 200 to two of them: one to three files " +
                            "are allowed, so three is not too many. Refuse only none or more than three (Count is 0 or > 3).");
                    }
                    ExpectStatus(200, exchange, "three files, each within the limit");
                    var photos = ReadPhotos(exchange);
                    Expect.Equal(files.Length, photos.Count, "the number of entries in the JSON array");
                    for (var i = 0; i < files.Length; i++)
                    {
                        Expect.Equal(files[i].Name, photos[i].Name, $"entry {i}'s \"name\" (the file name the client sent, in the order sent)");
                        Expect.Equal((long)files[i].Size, photos[i].Size, $"entry {i}'s \"size\" (the file's length in bytes)");
                    }
                }
            }),
            new("a file of exactly 1,024 bytes is accepted (200); one of 1,025 bytes → 413", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var edge = await UploadAsync(server, [("edge.png", MaxPhotoBytes)], token);
                    ExpectStatus(200, edge, "1,024 bytes is within the limit");
                    (string, int)[] bigFile = [("big.png", MaxPhotoBytes + 1)];
                    await ExpectTooLargeAsync(server, bigFile, await UploadAsync(server, bigFile, token), "one file of 1,025 bytes", token);
                }
            }),
            new("a file over the limit → 413 wherever it is: first, second or third (every file is checked)", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var layouts = new (string Description, (string, int)[] Files)[]
                    {
                        ("a 50,000-byte file first, then a small one", [("huge.png", 50_000), ("small.png", 10)]),
                        ("a small file, a 2,000-byte one, a small one", [("a.png", 10), ("big.png", 2_000), ("b.png", 10)]),
                        ("a small file, then a 50,000-byte one", [("small.png", 10), ("huge.png", 50_000)]),
                        ("two small files, then a 2,000-byte one", [("a.png", 10), ("b.png", 10), ("big.png", 2_000)]),
                    };
                    foreach (var (description, files) in layouts)
                    {
                        await ExpectTooLargeAsync(server, files, await UploadAsync(server, files, token), description, token);
                    }
                }
            }),
            new("no file (only a text field) → 400; four files → 400", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    ExpectStatus(400, await UploadAsync(server, [], token), "the form has no file in \"files\"");
                    ExpectStatus(400, await UploadAsync(server, [("1.png", 10), ("2.png", 10), ("3.png", 10), ("4.png", 10)], token),
                        "the form has four files in \"files\", and the most is three");
                }
            }),
            new("a file in another form field (\"thumbnail\") is neither counted nor listed", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var exchange = await UploadAsync(server, [("1.png", 10), ("2.png", 20), ("3.png", 30)], token, thumbnail: 40);
                    Expect.That(exchange.Status != 400,
                        "POST /photos with three files in \"files\" and one in \"thumbnail\" answered 400: it counted every file of the form. An " +
                        "IFormFileCollection parameter binds all the form's files, whatever their field; take the field's with form.GetFiles(\"files\").");
                    ExpectStatus(200, exchange, "three files in \"files\" is allowed; the thumbnail is not one of them");
                    var photos = ReadPhotos(exchange);
                    Expect.That(photos.Count == 3 && photos.All(p => p.Name != "thumbnail.png"),
                        $"POST /photos with three files in \"files\" and one in \"thumbnail\" listed {photos.Count} entries ({string.Join(", ", photos.Select(p => p.Name))}): " +
                        "only the files of the field \"files\" belong in the answer. An IFormFileCollection parameter binds all the form's files; take the " +
                        "field's with form.GetFiles(\"files\").");
                    var onlyThumbnail = await UploadAsync(server, [], token, thumbnail: 40);
                    ExpectStatus(400, onlyThumbnail, "the form has a thumbnail but no file in \"files\"");
                }
            }),
        ]);

    /// <summary>
    /// 04.3: a route group <c>/api/orders</c> with a tag and a shared endpoint filter that requires a tenant header. The
    /// learner returns the group, and the check maps an endpoint of its own on it: what is on the group applies to it too.
    /// </summary>
    public static Exercise<Func<WebApplication, RouteGroupBuilder>> OrdersGroup { get; } = new(
        id: "04.3",
        title: "A route group with a prefix, a tag and a shared filter",
        hint: """
            app.MapGroup("/api/orders") returns a RouteGroupBuilder: what you call on it (.WithTags("orders"),
            .AddEndpointFilter(...)) applies to every endpoint mapped on the group — also to endpoints mapped on it later,
            like the one the check adds. Map the endpoints on the group with paths relative to its prefix: "/" and "/{id:int}".
            In the filter, context.HttpContext.Request.Headers["X-Tenant-Id"] is the header; return Results.BadRequest() to
            stop, or await next(context) to go on. Return the group at the end. Middleware (app.Use) would also run for the
            check's /health endpoint — a group is not a separate app.
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
                        ExpectMatched(server, list);
                        ExpectStatus(200, list, "the request carries X-Tenant-Id");
                        Expect.That(IsJsonArray(list.Body), $"GET {path} should answer a JSON array of orders, but answered {Shorten(list.Body)}.");
                    }
                    var id = 10 + Random.Shared.Next(90);
                    var one = await GetAsTenantAsync(server, $"/api/orders/{id}", "tenant-a", token);
                    ExpectMatched(server, one);
                    ExpectStatus(200, one, "the request carries X-Tenant-Id");
                    Expect.Equal(id, ReadInt(one, "id"), $"the \"id\" that GET /api/orders/{id} answers");
                }
            }),
            new("GET /api/orders/abc → 404 (an {id:int} constraint), with or without X-Tenant-Id (no endpoint matched, so no filter ran)", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    var matched = await GetAsTenantAsync(server, "/api/orders/abc", "tenant-a", token);
                    Expect.That(matched.Status != 400,
                        "GET /api/orders/abc (with X-Tenant-Id) answered 400: a route {id} matched \"abc\", and then binding it to an int failed. " +
                        "Constrain the route to integers, \"/{id:int}\": then \"abc\" matches no endpoint, and the answer is 404.");
                    ExpectStatus(404, matched, "no endpoint of the group matches a non-integer id");
                    var unmatched = await GetAsTenantAsync(server, "/api/orders/abc", tenant: null, token);
                    Expect.That(unmatched.Status != 400,
                        "GET /api/orders/abc without X-Tenant-Id answered 400, but no endpoint matches that path: the tenant rule ran although no endpoint " +
                        "matched, so it is middleware (checking the path, or every request), not a filter. Put it on the group with AddEndpointFilter: " +
                        "a filter runs only for the group's matched endpoints.");
                    ExpectStatus(404, unmatched, "no endpoint matches, so no filter runs");
                }
            }),
            new("without X-Tenant-Id, every endpoint of the group → 400, refused by an endpoint filter (not by middleware)", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    foreach (var path in new[] { "/api/orders", "/api/orders/7" })
                    {
                        var exchange = await GetAsTenantAsync(server, path, tenant: null, token);
                        ExpectStatus(400, exchange, "the request has no X-Tenant-Id header");
                        Expect.That(server.Services.GetRequiredService<PipelineProbe>().Reached(path),
                            $"GET {path} without X-Tenant-Id was refused before it reached the endpoint: by middleware (app.Use), which runs for " +
                            "every request of the app, not by an endpoint filter. Put the rule on the group with AddEndpointFilter: it then runs " +
                            "as part of the group's endpoints, after routing chose one.");
                    }
                }
            }),
            new("the check maps GET /api/orders/from-the-check on the group you return: it gets the tag and the filter too", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    var mapped = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                        .Select(e => e.RoutePattern.RawText ?? "").FirstOrDefault(p => p.EndsWith("from-the-check", StringComparison.Ordinal));
                    Expect.That(mapped is null || mapped.Trim('/').Equals(CheckEndpointPath.Trim('/'), StringComparison.OrdinalIgnoreCase),
                        $"The check mapped \"/from-the-check\" on the group MapOrders returned, and it became {mapped}, not {CheckEndpointPath}: " +
                        "the group you returned does not have the prefix /api/orders. Make the group app.MapGroup(\"/api/orders\"), map the " +
                        "orders endpoints on it, and return it.");
                    var without = await GetAsTenantAsync(server, CheckEndpointPath, tenant: null, token);
                    Expect.That(without.Status != 200,
                        $"The check mapped GET {CheckEndpointPath} on the group MapOrders returned, and without X-Tenant-Id it answered 200: the " +
                        "filter is not on the group you returned. A filter added to each endpoint (orders.MapGet(…).AddEndpointFilter(…)) misses every " +
                        "endpoint mapped later, and so does one on another group; call AddEndpointFilter on the group itself and return that group.");
                    ExpectStatus(400, without, "the filter on your group applies to every endpoint mapped on it");
                    var with = await GetAsTenantAsync(server, CheckEndpointPath, "tenant-a", token);
                    ExpectStatus(200, with, "the request carries X-Tenant-Id, so the filter lets it through");
                    var tags = EndpointsUnderOrders(server).Where(e => (e.RoutePattern.RawText ?? "").Contains("from-the-check", StringComparison.Ordinal))
                        .SelectMany(e => e.Metadata.OfType<ITagsMetadata>()).SelectMany(t => t.Tags).ToList();
                    var yoursTagged = EndpointsUnderOrders(server).Where(e => !(e.RoutePattern.RawText ?? "").Contains("from-the-check", StringComparison.Ordinal))
                        .All(e => e.Metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).Contains("orders"));
                    Expect.That(tags.Contains("orders"),
                        $"The check's endpoint on your group has the tags [{string.Join(", ", tags)}], not \"orders\": " +
                        (yoursTagged ? "the tag is on each endpoint, not on the group. " : "") +
                        "Put .WithTags(\"orders\") on the group, and every endpoint mapped on it gets it.");
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
                        "outside the group. Put it on the group with AddEndpointFilter, not in middleware or on every endpoint of the app.");
                    var outside = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
                        .FirstOrDefault(e => (e.RoutePattern.RawText ?? "").EndsWith(OutsideEndpointName, StringComparison.Ordinal));
                    // (An outer group whose prefix is /api/orders itself holds only orders: then it is the right scope.)
                    if (outside is not null && !(outside.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/orders", StringComparison.OrdinalIgnoreCase))
                    {
                        var path = "/" + (outside.RoutePattern.RawText ?? "").TrimStart('/');
                        var outer = path[..^OutsideEndpointName.Length];
                        var answer = await GetAsTenantAsync(server, path, tenant: null, token);
                        Expect.That(answer.Status == 200,
                            $"Your orders group is made on another group ({(outer.Length == 0 ? "/" : outer)}), and the check mapped GET {path} on that outer " +
                            $"group: outside /api/orders, without X-Tenant-Id it answered {answer.Status} instead of 200. The tenant filter is on the outer " +
                            $"group, so it reaches every endpoint under {(outer.Length == 0 ? "/" : outer)}, not only the orders. Call AddEndpointFilter on " +
                            "the orders group itself.");
                        var tags = outside.Metadata.OfType<ITagsMetadata>().SelectMany(t => t.Tags).ToList();
                        Expect.That(!tags.Contains("orders"),
                            $"Your orders group is made on another group ({(outer.Length == 0 ? "/" : outer)}), and the check's endpoint {path} on that " +
                            "outer group got the tag \"orders\" too: the tag is on the outer group, so every endpoint under it is listed as an order. " +
                            "Put .WithTags(\"orders\") on the orders group itself.");
                    }
                }
            }),
            new("every endpoint under /api/orders carries the tag \"orders\"", async (configure, token) =>
            {
                var server = await StartOrdersAsync(configure, token);
                await using (server)
                {
                    var endpoints = EndpointsUnderOrders(server).Where(e => !(e.RoutePattern.RawText ?? "").Contains("from-the-check", StringComparison.Ordinal)).ToList();
                    Expect.That(endpoints.Count >= 2, $"Expected at least two endpoints of yours under /api/orders, but found {endpoints.Count}.");
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
        Explained(() => InMemoryServer.StartAsync(_ => { }, configure, "Production", token));

    /// <summary>The path of the endpoint the check maps on the learner's group.</summary>
    private const string CheckEndpointPath = "/api/orders/from-the-check";

    /// <summary>
    /// Starts the orders app: the check's own <c>GET /health</c>, the learner's group, an endpoint of the check's on that
    /// group, and — after everything the learner added — a middleware that records which requests got that far: a request
    /// refused by a filter passes it (filters run inside the endpoint), one refused by the learner's middleware does not.
    /// </summary>
    private static Task<RunningApp> StartOrdersAsync(Func<WebApplication, RouteGroupBuilder> configure, CancellationToken token) =>
        Explained(() => InMemoryServer.StartAsync(builder => builder.Services.AddSingleton<PipelineProbe>(), app =>
        {
            app.MapGet("/health", () => "healthy");
            var group = configure(app) ?? throw new CheckFailedException(
                "MapOrders returned null: return the RouteGroupBuilder that app.MapGroup(\"/api/orders\") gave you, so the check can map an endpoint of its own on it.");
            group.MapGet("/from-the-check", () => new { from = "the check" });
            // A group nested in another (app.MapGroup("/api").MapGroup("/orders")): an endpoint of the check's on the outer
            // group is outside the orders, so neither the tenant filter nor the tag may reach it.
            if (OuterGroup(group) is { } outer)
            {
                outer.MapGet(OutsideEndpointName, () => "outside the orders");
            }
            var probe = app.Services.GetRequiredService<PipelineProbe>();
            app.Use(async (context, next) =>
            {
                probe.Record(context.Request.Path);
                await next(context);
            });
        }, "Production", token));

    /// <summary>Fails when no endpoint matched the request (404), listing the routes the learner's app has, so a path mapped wrongly shows.</summary>
    private static void ExpectMatched(RunningApp server, HttpExchange exchange)
    {
        if (exchange.Status != 404)
        {
            return;
        }
        var routes = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(p => p != "/health" && !p.EndsWith("from-the-check", StringComparison.Ordinal) && !p.EndsWith(OutsideEndpointName, StringComparison.Ordinal))
            .ToList();
        throw new CheckFailedException(
            $"GET {exchange.Uri.PathAndQuery} answered 404 Not Found: no endpoint matched it. The routes of your group are " +
            $"{(routes.Count == 0 ? "none" : string.Join(", ", routes))}. A group's endpoints take paths relative to its prefix: map \"/\" and " +
            "\"/{id:int}\" on app.MapGroup(\"/api/orders\"), not the whole path again.");
    }

    /// <summary>The name of the endpoint the check maps on the group around the learner's group, when there is one.</summary>
    private const string OutsideEndpointName = "/outside-the-orders-group-check";

    /// <summary>The group <paramref name="group"/> was made on, when it was made on a group (not on the app); null otherwise.</summary>
    private static RouteGroupBuilder? OuterGroup(RouteGroupBuilder group) =>
        typeof(RouteGroupBuilder).GetField("_outerEndpointRouteBuilder", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)
            ?.GetValue(group) as RouteGroupBuilder;

    private static IEnumerable<RouteEndpoint> EndpointsUnderOrders(RunningApp server) =>
        server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").TrimStart('/').StartsWith("api/orders", StringComparison.OrdinalIgnoreCase) &&
                        !(e.RoutePattern.RawText ?? "").EndsWith(OutsideEndpointName, StringComparison.Ordinal));

    /// <summary>The paths of the requests that reached the check's middleware, the last one in the pipeline.</summary>
    private sealed class PipelineProbe
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _reached = new(StringComparer.OrdinalIgnoreCase);

        public void Record(string path) => _reached[path.TrimEnd('/')] = true;

        public bool Reached(string path) => _reached.ContainsKey(path.TrimEnd('/'));
    }

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
        return await Explained(() => server.SendAsync(request, token));
    }

    private static async Task<HttpExchange> GetMeAsync(RunningApp server, string? sessionId, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        if (sessionId is not null)
        {
            request.Headers.Add("Cookie", $"session_id={sessionId}");
        }
        return await Explained(() => server.SendAsync(request, token));
    }

    private static ResponseCookie? SetCookie(HttpExchange exchange) => exchange.SetCookies.FirstOrDefault(c => c.Name == "session_id");

    private static ResponseCookie SessionCookie(HttpExchange exchange)
    {
        if (SetCookie(exchange) is { } cookie)
        {
            return cookie;
        }
        var unreadable = exchange.Headers
            .Where(h => h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase) && h.Value.TrimStart().StartsWith("session_id=", StringComparison.Ordinal))
            .Select(h => h.Value)
            .FirstOrDefault();
        throw new CheckFailedException(unreadable is not null
            ? $"POST /session sent the header Set-Cookie: {unreadable} — which is not a valid cookie (its name or value holds a character a cookie cannot, such as a space, a comma or a quote), " +
              "so a browser would drop it. Let response.Cookies.Append(name, value, new CookieOptions { … }) write the header."
            : $"POST /session should set a cookie named session_id, but {(exchange.SetCookies.Count == 0 ? "set no cookie" : "set only " + string.Join(", ", exchange.SetCookies.Select(c => c.Name)))}.");
    }

    /// <summary>
    /// Starts a session and fails unless the answer is 200, naming the likely cause: every case that needs a session fails
    /// with the same explanation, not with a bare status.
    /// </summary>
    private static async Task<HttpExchange> StartSessionOkAsync(RunningApp server, string clientId, CancellationToken token)
    {
        var exchange = await StartSessionAsync(server, clientId, token);
        if (exchange.Status == 200)
        {
            return exchange;
        }
        var cause = "";
        if (exchange.Status == 400)
        {
            var underscored = await StartSessionAsync(server, clientId: null, token, extraHeader: ("x_client_id", clientId));
            cause = underscored.Status == 200
                ? " Your endpoint reads a header literally called x_client_id (the check's probe with that header got 200): ASP.NET Core does not " +
                  "turn underscores into hyphens. Name the header: [FromHeader(Name = \"X-Client-Id\")]."
                : " A 400 here usually means the header was not bound: [FromHeader] without a Name looks for a header named like the parameter. " +
                  "Name it: [FromHeader(Name = \"X-Client-Id\")].";
        }
        throw new CheckFailedException(
            "POST /session with an X-Client-Id header should answer 200 OK and start a session, but answered " +
            $"{exchange.Status} {ReasonPhrase(exchange.Status)}{BodyInParentheses(exchange)}, so no session was started.{cause}");
    }

    /// <summary>Cookie values a forger would try for Alice's session: hers with one character changed, and ids built from her client id.</summary>
    private static IEnumerable<(string Cookie, string How)> Forgeries(string aliceSession, string alice, string bobSession, string bob)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { aliceSession, bobSession };
        var positions = new[] { 0, aliceSession.Length / 2, aliceSession.Length - 1 }.Distinct();
        foreach (var position in positions)
        {
            if (Tamper(aliceSession, position) is { } tampered && seen.Add(tampered))
            {
                yield return (tampered, $"a real session id with character {position + 1} changed");
            }
        }
        var made = new List<(string, string)>
        {
            ($"forged.{alice}", "\"forged.\" followed by a client id"),
            (alice, "the client id itself"),
            (Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(alice)), "the client id in Base64"),
        };
        if (bobSession.Contains(bob, StringComparison.Ordinal))
        {
            made.Add((bobSession.Replace(bob, alice, StringComparison.Ordinal), "Bob's session id with his client id replaced by Alice's"));
        }
        foreach (var (cookie, how) in made)
        {
            if (seen.Add(cookie))
            {
                yield return (cookie, how);
            }
        }
    }

    /// <summary>The value with the letter or digit at <paramref name="position"/> (or the nearest one after it) replaced by another of its kind.</summary>
    private static string? Tamper(string value, int position)
    {
        for (var i = position; i < value.Length; i++)
        {
            var c = value[i];
            char? replacement = c switch
            {
                >= '0' and <= '8' or >= 'a' and <= 'e' or >= 'A' and <= 'E' => (char)(c + 1),
                '9' => '0',
                'f' => 'a',
                'F' => 'A',
                >= 'g' and <= 'z' => c == 'z' ? 'g' : (char)(c + 1),
                >= 'G' and <= 'Z' => c == 'Z' ? 'G' : (char)(c + 1),
                _ => null,
            };
            if (replacement is { } r)
            {
                return string.Concat(value.AsSpan(0, i), r.ToString(), value.AsSpan(i + 1));
            }
        }
        return null;
    }

    /// <summary>Recognises session ids that are a hash of a small number (a counter): what an attacker tries first.</summary>
    private static class PredictableIds
    {
        private const int Largest = 5_000;

        /// <summary>The client id the unguessable case starts its sessions for.</summary>
        public const string Client = "client-a";

        private static readonly Lazy<Dictionary<string, string>> s_hashes = new(Build);

        /// <summary>How <paramref name="id"/> was made ("the SHA256 hash of "3""), or null when it is not such a hash.</summary>
        public static string? HashOfASmallNumber(string id)
        {
            var bytes = Decode(Uri.UnescapeDataString(id));
            if (bytes is null || bytes.Length < 8)
            {
                return null;
            }
            return s_hashes.Value.TryGetValue(Convert.ToHexString(bytes, 0, 8), out var how) ? how : null;
        }

        /// <summary>The id's bytes, read as hex or as Base64 (standard or URL-safe), or null.</summary>
        private static byte[]? Decode(string id)
        {
            if (id.Length % 2 == 0 && id.All(Uri.IsHexDigit))
            {
                return Convert.FromHexString(id);
            }
            var base64 = id.Replace('-', '+').Replace('_', '/').TrimEnd('=');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            try
            {
                return Convert.FromBase64String(base64);
            }
            catch (FormatException)
            {
                return null;
            }
        }

        /// <summary>The first 8 bytes (as hex) of MD5, SHA1, SHA256 and SHA512 of 0 … 5,000, as text and as 4- and 8-byte integers.</summary>
        private static Dictionary<string, string> Build()
        {
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            var algorithms = new (string Name, Func<byte[], byte[]> Hash)[]
            {
                ("SHA256", System.Security.Cryptography.SHA256.HashData),
                ("SHA1", System.Security.Cryptography.SHA1.HashData),
                ("MD5", System.Security.Cryptography.MD5.HashData),
                ("SHA512", System.Security.Cryptography.SHA512.HashData),
            };
            for (var n = 0; n <= Largest; n++)
            {
                var text = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var inputs = new (string How, byte[] Bytes)[]
                {
                    ($"\"{text}\"", System.Text.Encoding.UTF8.GetBytes(text)),
                    ($"the 4-byte integer {n}", BitConverter.GetBytes(n)),
                    ($"the 8-byte integer {n}", BitConverter.GetBytes((long)n)),
                    // The client id with a counter: the unguessable case asks for sessions of "client-a".
                    ($"\"{Client}{text}\"", System.Text.Encoding.UTF8.GetBytes(Client + text)),
                    ($"\"{Client}:{text}\"", System.Text.Encoding.UTF8.GetBytes($"{Client}:{text}")),
                    ($"\"{Client}-{text}\"", System.Text.Encoding.UTF8.GetBytes($"{Client}-{text}")),
                    ($"\"{text}{Client}\"", System.Text.Encoding.UTF8.GetBytes(text + Client)),
                };
                foreach (var (how, bytes) in inputs)
                {
                    foreach (var (name, hash) in algorithms)
                    {
                        hashes.TryAdd(Convert.ToHexString(hash(bytes), 0, 8), $"the {name} hash of {how}");
                    }
                }
            }
            return hashes;
        }
    }

    /// <summary>
    /// What the learner's code calls that can make a session id: it reads the IL of every method in the type that declares
    /// the delegate (a notebook cell's submission class, or the class around a test's lambda) and in its nested types
    /// (the lambdas' closures), and resolves the methods called.
    /// </summary>
    private sealed record SessionIdSources(bool UsesSystemRandom, bool UsesCryptographicRandom, bool ReadsTheClock, bool Hashes)
    {
        public static SessionIdSources Of(Delegate code)
        {
            var type = code.Method.DeclaringType;
            while (type?.DeclaringType is not null && type.Name.StartsWith('<'))
            {
                type = type.DeclaringType; // from a compiler-made closure to the class that holds the code
            }
            var called = new HashSet<System.Reflection.MethodBase>();
            if (type is not null)
            {
                Collect(type, called);
            }
            static bool Is(System.Reflection.MethodBase m, Type t) => m.DeclaringType == t;
            static bool In(System.Reflection.MethodBase m, string ns) => m.DeclaringType?.Namespace == ns;
            return new SessionIdSources(
                UsesSystemRandom: called.Any(m => m.DeclaringType is { } t && typeof(Random).IsAssignableFrom(t)),
                UsesCryptographicRandom: called.Any(m => Is(m, typeof(System.Security.Cryptography.RandomNumberGenerator)) ||
                                                         (Is(m, typeof(Guid)) && m.Name is "NewGuid" or "CreateVersion7")),
                ReadsTheClock: called.Any(m =>
                    (Is(m, typeof(DateTime)) || Is(m, typeof(DateTimeOffset))) && m.Name is "get_Now" or "get_UtcNow" ||
                    Is(m, typeof(Environment)) && m.Name is "get_TickCount" or "get_TickCount64" ||
                    Is(m, typeof(System.Diagnostics.Stopwatch)) && m.Name is "GetTimestamp" ||
                    Is(m, typeof(TimeProvider)) && m.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp"),
                Hashes: called.Any(m => In(m, "System.Security.Cryptography") && m.Name is "HashData" or "ComputeHash" or "TryHashData" or "TryComputeHash"));
        }

        private static void Collect(Type type, HashSet<System.Reflection.MethodBase> called)
        {
            const System.Reflection.BindingFlags all = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;
            var methods = type.GetMethods(all).Cast<System.Reflection.MethodBase>().Concat(type.GetConstructors(all));
            foreach (var method in methods)
            {
                byte[]? il;
                try
                {
                    il = method.GetMethodBody()?.GetILAsByteArray();
                }
                catch (Exception e) when (e is InvalidOperationException or NotSupportedException or BadImageFormatException)
                {
                    continue;
                }
                if (il is null)
                {
                    continue;
                }
                // call, callvirt, newobj and ldftn take a method token; a byte that only looks like one resolves to nothing
                // (or, very rarely, to an unrelated method), which is harmless here.
                for (var i = 0; i + 4 < il.Length; i++)
                {
                    var tokenAt = il[i] is 0x28 or 0x6F or 0x73 ? i + 1 : il[i] == 0xFE && il[i + 1] is 0x06 or 0x07 && i + 5 < il.Length ? i + 2 : -1;
                    if (tokenAt < 0)
                    {
                        continue;
                    }
                    var token = BitConverter.ToInt32(il, tokenAt);
                    if ((token >> 24) is not (0x06 or 0x0A or 0x2B))
                    {
                        continue;
                    }
                    try
                    {
                        var genericType = type.IsGenericType ? type.GetGenericArguments() : null;
                        var genericMethod = method.IsGenericMethod ? method.GetGenericArguments() : null;
                        if (method.Module.ResolveMethod(token, genericType, genericMethod) is { } resolved)
                        {
                            called.Add(resolved);
                        }
                    }
                    catch (Exception e) when (e is ArgumentException or BadImageFormatException or MissingMethodException or TypeLoadException
                                                  or System.IO.FileNotFoundException or NotSupportedException or InvalidOperationException)
                    {
                    }
                }
            }
            foreach (var nested in type.GetNestedTypes(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            {
                Collect(nested, called);
            }
        }
    }

    private static void ExpectNotAHashOfASmallNumber(string id)
    {
        var guess = PredictableIds.HashOfASmallNumber(id);
        Expect.That(guess is null,
            $"The session id \"{id}\" is {guess}: it looks random, but an attacker who tries the hashes of 0, 1, 2, … finds every " +
            "session id in milliseconds. Hashing a counter adds no randomness; make each id random: RandomNumberGenerator.GetBytes(16) as hex.");
    }

    /// <summary>Fails unless the response has status <paramref name="expected"/>, saying why that status is expected and showing the body as it is.</summary>
    private static void ExpectStatus(int expected, HttpExchange exchange, string because)
    {
        if (exchange.Status != expected)
        {
            throw new CheckFailedException(
                $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer {expected} {ReasonPhrase(expected)} ({because}), " +
                $"but answered {exchange.Status} {ReasonPhrase(exchange.Status)}{BodyInParentheses(exchange)}.");
        }
    }

    private static string BodyInParentheses(HttpExchange exchange) => exchange.Body.Length == 0 ? "" : $" (body: {Shorten(exchange.Body)})";

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static string? ReadStringOrNull(HttpExchange exchange, string property)
    {
        try
        {
            return ReadString(exchange, property);
        }
        catch (CheckFailedException)
        {
            return null;
        }
    }

    private static async Task<HttpExchange> UploadAsync(RunningApp server, IReadOnlyList<(string Name, int Size)> files, CancellationToken token,
        int? thumbnail = null)
    {
        var form = new MultipartFormDataContent("course-check-boundary");
        form.Add(new StringContent("holiday"), "album");
        foreach (var (name, size) in files)
        {
            var content = new ByteArrayContent(new byte[size]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "files", name);
        }
        if (thumbnail is { } thumbnailSize)
        {
            var content = new ByteArrayContent(new byte[thumbnailSize]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "thumbnail", "thumbnail.png");
        }
        HttpExchange exchange;
        try
        {
            exchange = await Explained(() => server.PostAsync("/photos", form, token));
        }
        catch (InvalidOperationException e) when (e.Message.Contains("anti-forgery", StringComparison.Ordinal))
        {
            // The framework's own text recommends app.UseAntiforgery(), the fix for browser forms: not this API's. Say it in the course's words.
            throw new CheckFailedException(
                "POST /photos failed on the server before your code ran: an endpoint that reads a form gets antiforgery protection, and this app " +
                "has no antiforgery middleware, so ASP.NET Core refuses the request. This API is called with tokens, not cookies, so it needs " +
                "no antiforgery: call .DisableAntiforgery() on the endpoint.");
        }
        // The same words in every case, so a learner reads them once.
        Expect.That(exchange.Status != 415,
            "POST /photos answered 415 Unsupported Media Type to a multipart form: ASP.NET Core read one of your parameters as a JSON body " +
            "(a parameter of a type it does not bind from a form, such as a list of IFormFile). Bind the files with an IFormFileCollection " +
            "parameter and take the field's with form.GetFiles(\"files\").");
        return exchange;
    }

    /// <summary>
    /// Runs a start or a request of the learner's app, and says in the learner's terms when ASP.NET Core could not turn one of
    /// their handlers into an endpoint: that exception comes from the framework, with none of the learner's code on its stack.
    /// </summary>
    private static async Task<T> Explained<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (e is not (CheckFailedException or NotImplementedException or OperationCanceledException) &&
                                  (e.StackTrace ?? "").Contains("RequestDelegateFactory", StringComparison.Ordinal))
        {
            throw new CheckFailedException(
                $"ASP.NET Core could not turn one of your handlers into an endpoint: {e.Message} Change the handler's parameters as the message says.");
        }
    }

    /// <summary>Fails unless the upload answered 413, explaining the framework limits that do not give it on the in-memory server.</summary>
    private static async Task ExpectTooLargeAsync(RunningApp server, IReadOnlyList<(string Name, int Size)> sent, HttpExchange exchange, string files,
        CancellationToken token)
    {
        if (exchange.Status == 413)
        {
            return;
        }
        var metadata = server.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e is RouteEndpoint route && (route.RoutePattern.RawText ?? "").Trim('/').Equals("photos", StringComparison.OrdinalIgnoreCase))
            .SelectMany(e => e.Metadata)
            .ToList();
        // A framework limit fails every size case for the same reason: one message, the same in each case, said once.
        if (exchange.Status == 200 && metadata.OfType<IRequestSizeLimitMetadata>().Any())
        {
            throw new CheckFailedException(
                "POST /photos answered 200 OK to a file over 1,024 bytes, where it should answer 413 Payload Too Large. [RequestSizeLimit] (or " +
                "WithRequestSizeLimit) sets a limit for the whole request, not per file, and only a server that enforces it answers 413: Kestrel " +
                "does, the in-memory server does not (section 10). The per-file rule has to be your code: compare each file's Length with 1,024.");
        }
        if (exchange.Status == 400 && metadata.OfType<IFormOptionsMetadata>().Any())
        {
            throw new CheckFailedException(
                "POST /photos answered 400 Bad Request to a file over 1,024 bytes, where it should answer 413 Payload Too Large. That 400 means the " +
                "form failed to parse: a FormOptions limit (WithFormOptions, [RequestFormLimits]) answers 400, not 413 (section 10). The per-file " +
                "rule has to be your code: compare each file's Length with 1,024 and answer 413.");
        }
        var why = "";
        if (exchange.Status == 200)
        {
            // Did it miss the file because of where it was, or because it does not see that size as too big at all?
            var big = sent.First(file => file.Size > MaxPhotoBytes);
            var alone = sent.Count == 1 ? exchange : await UploadAsync(server, [big], token);
            why = alone.Status == 200
                ? $" A file of {big.Size:N0} bytes is not refused even alone: the size rule is wrong, not just where it looks. Length is in bytes; " +
                  "refuse a file when its Length is over 1,024 (Length > 1024) — not in kilobytes, not a larger limit."
                : $" Alone, the {big.Size:N0}-byte file is refused, so your code misses it where it is here: every file has to be checked, " +
                  "for example photos.Any(photo => photo.Length > 1024).";
        }
        throw new CheckFailedException(
            $"POST /photos with {files} should answer 413 Payload Too Large (a file is over 1,024 bytes), but answered " +
            $"{exchange.Status} {ReasonPhrase(exchange.Status)}{BodyInParentheses(exchange)}.{why}");
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
        return await Explained(() => server.SendAsync(request, token));
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
