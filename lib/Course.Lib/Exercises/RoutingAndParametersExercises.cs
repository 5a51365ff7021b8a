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

    /// <summary>The number of sessions the unguessable case starts, to measure how much of the id varies.</summary>
    private const int SampleSessions = 100;

    /// <summary>
    /// 04.1: <c>POST /session</c> starts a session: a cookie with the security flags, a lifetime and an id of at least
    /// 128 bits from a cryptographic generator.
    /// </summary>
    public static Exercise<Action<WebApplication>> Sessions { get; } = new(
        id: "04.1",
        title: "A secure session cookie",
        hint: """
            Make the id with System.Security.Cryptography.RandomNumberGenerator: Convert.ToHexString(RandomNumberGenerator.GetBytes(16))
            is 16 random bytes, 128 bits, as 32 hex digits. Not System.Random (predictable from its output), not Guid.NewGuid()
            (only 122 of its bits are random), not a hash of a counter or of the time (hashing adds no randomness).
            Set the cookie with response.Cookies.Append("session_id", id, new CookieOptions { … }): without a CookieOptions it
            carries no flags at all. The options you need: HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax (or Strict),
            Path = "/", MaxAge = TimeSpan.FromHours(8). Take an HttpResponse parameter to reach response.Cookies.
            """,
        answers: ExerciseAnswers.Load("04.1"),
        cases:
        [
            new("POST /session → 200 with a session_id cookie", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    SessionCookie(await StartSessionOkAsync(server, token));
                }
            }),
            new("the cookie is HttpOnly and Secure, SameSite=Strict or Lax, for Path=/", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var cookie = SessionCookie(await StartSessionOkAsync(server, token));
                    Expect.That(cookie.HttpOnly, $"The session cookie should be HttpOnly (page scripts must not read it: an XSS bug would steal the session), but it is not: {cookie}. Set HttpOnly = true in the CookieOptions.");
                    Expect.That(cookie.Secure, cookie.SameSite == "None"
                        ? $"The session cookie says SameSite=None without Secure: {cookie}. Browsers reject such a cookie, and None would send it with other sites' requests anyway. Set Secure = true and SameSite = SameSiteMode.Lax."
                        : $"The session cookie should be Secure (sent over HTTPS only, never readable on the network), but it is not: {cookie}. Set Secure = true.");
                    Expect.That(cookie.SameSite is "Strict" or "Lax",
                        $"The session cookie should say SameSite=Strict or Lax (not sent with other sites' sub-requests and POSTs), but it says {cookie.SameSite ?? "nothing"}. Set SameSite = SameSiteMode.Lax.");
                    Expect.That(cookie.Path == "/", $"The session cookie should be for the whole site (Path=/), but its Path is {cookie.Path ?? "not set"}. Set Path = \"/\".");
                }
            }),
            new("the cookie has a lifetime: Max-Age or Expires, more than a minute and at most a day", async (configure, token) =>
            {
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    var cookie = SessionCookie(await StartSessionOkAsync(server, token));
                    var lifetime = cookie.MaxAge ?? (cookie.Expires - DateTimeOffset.UtcNow);
                    Expect.That(lifetime is not null,
                        $"The session cookie has no lifetime (neither Max-Age nor Expires): {cookie}. A browser that restores its last session keeps such a cookie for as long as it likes; " +
                        "give the session an end: MaxAge = TimeSpan.FromHours(8).");
                    Expect.That(lifetime > TimeSpan.FromMinutes(1) && lifetime <= TimeSpan.FromDays(1),
                        $"The session cookie lives {lifetime:g} ({cookie}): a session should last more than a minute and at most a day. MaxAge = TimeSpan.FromHours(8), for example.");
                }
            }),
            new($"the id is unguessable: {SampleSessions} sessions get {SampleSessions} different ids, each with at least 128 random bits, from a cryptographic generator, not repeated after a restart", async (configure, token) =>
            {
                var ids = new List<string>();
                var server = await StartAsync(configure, token);
                await using (server)
                {
                    for (var i = 0; i < SampleSessions; i++)
                    {
                        ids.Add(Uri.UnescapeDataString(SessionCookie(await StartSessionOkAsync(server, token)).Value));
                    }
                }
                var repeated = ids.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
                Expect.That(repeated is null,
                    $"Two of {SampleSessions} sessions got the same id \"{repeated?.Key}\": whoever learns it has the other's session. Make a new random id per session: Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).");
                // 100 random ids all with the version digit of a GUID are GUIDs (by chance: one in 16^100).
                var versions = ids.Select(id => Guid.TryParse(id, out var guid) ? guid.Version : -1).Distinct().ToList();
                if (versions is [4 or 7])
                {
                    Expect.That(false, versions[0] == 7
                        ? $"Your session ids are version-7 GUIDs (\"{ids[0]}\"): their first 48 bits are the time, and only 74 are random. Use RandomNumberGenerator.GetBytes(16): 128 random bits."
                        : $"Your session ids are GUIDs (\"{ids[0]}\"): Guid.NewGuid() is random, but only 122 of its 128 bits (6 bits say \"version 4\"), and it is documented as unique, not as unpredictable. " +
                          "This exercise asks for 128 random bits: Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).");
                }
                // A small buffer the generator fills, hashed or encoded, looks like more than it holds: read the code for it.
                var sources = SessionIdSources.Of(configure);
                if (sources.Reachable.SmallestRandomBuffer is { } small && !sources.Reachable.UsesEnoughCryptographicRandom)
                {
                    Expect.That(false,
                        $"Your session ids come from {small.Length} random bytes ({small.Made}): {small.Length * 8} random bits from the cryptographic " +
                        "generator, and hashing or encoding them adds none: " +
                        (small.Length * 8 < 64 ? "an attacker who tries every value finds the ids. " : "that falls short of the 128 bits this exercise asks for. ") +
                        "A session id needs at least 128 random bits: a 16-byte buffer, or Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).");
                }
                var bits = RandomBits(ids);
                Expect.That(bits >= 128,
                    $"Your session ids (\"{ids[0]}\", \"{ids[1]}\", \"{ids[2]}\", …) carry about {bits:0} bits of randomness: across {SampleSessions} sessions only that much of them changes, " +
                    (bits < 40 ? "so the next one can be guessed" : bits < 64 ? "so the next one can be found by trying" : "which falls short of the 128 bits this exercise asks for") +
                    ". A session id needs at least 128 random bits: Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) (32 hex digits).");
                foreach (var id in ids.Take(3))
                {
                    ExpectNotAHashOfASmallNumber(id);
                }
                // A fresh app, as after a deployment: ids made from a counter or a seeded generator start over.
                var restarted = await StartAsync(configure, token);
                string afterRestart;
                await using (restarted)
                {
                    afterRestart = Uri.UnescapeDataString(SessionCookie(await StartSessionOkAsync(restarted, token)).Value);
                }
                Expect.That(!ids.Contains(afterRestart),
                    $"After a restart the app handed out the session id \"{afterRestart}\" again, as it did before the restart: the ids come from a counter or a seeded Random, " +
                    "so anyone can compute them. Make each id with RandomNumberGenerator.GetBytes(16).");
                // Ids from System.Random or a hash of the clock pass every test above, but an attacker computes them: look at what the code calls.
                const string systemRandom =
                    "Your session ids come from System.Random (new Random(), Random.Shared): it is not a cryptographic generator. Its numbers follow from its internal state, " +
                    "which an attacker can work out from a few ids, and then compute everyone else's. Use System.Security.Cryptography.RandomNumberGenerator.GetBytes(16).";
                Expect.That(!sources.Reachable.UsesSystemRandom, systemRandom);
                Expect.That(!(sources.Reachable.ReadsTheClock && sources.Reachable.Hashes) || sources.Reachable.UsesCryptographicRandom,
                    "Your session ids look random, but they are a hash of the time (DateTime.UtcNow, ticks or the like) with no random input: an attacker who knows roughly when " +
                    "someone logged in hashes every tick around it and finds the id. Hashing adds no randomness; use RandomNumberGenerator.GetBytes(16).");
                // A hash keeps no more randomness than its input: judge what feeds it.
                if (sources.Reachable.Hashes)
                {
                    Expect.That(!sources.Reachable.MakesGuids || sources.Reachable.UsesEnoughCryptographicRandom,
                        "Your session ids are a hash of a GUID: the hash looks like more, but it holds only the GUID's 122 random bits, and hashing adds none. " +
                        "This exercise asks for 128 random bits: Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).");
                    Expect.That(!sources.Reachable.UsesCryptographicRandom || sources.Reachable.UsesEnoughCryptographicRandom,
                        "Your session ids are a hash of a small random number (RandomNumberGenerator.GetInt32, or GetBytes of fewer than 16 bytes): the hash holds " +
                        "only the input's randomness, fewer than 128 bits, and hashing adds none. Use RandomNumberGenerator.GetBytes(16) itself: 128 random bits.");
                }
                var anywhere = new[] { sources.Reachable, sources.Around };
                if (!anywhere.Any(c => c.UsesCryptographicRandom || c.MakesGuids))
                {
                    Expect.That(!anywhere.Any(c => c.UsesSystemRandom), systemRandom);
                    Expect.That(false,
                        "The check could not find where your session ids are made: neither MapSessions nor the methods it calls (in this cell or another) call a cryptographic " +
                        "generator. It reads the code MapSessions runs; an id made elsewhere, say by a delegate kept in a field, it cannot follow. Make the id in MapSessions, " +
                        "or in a method it calls, with System.Security.Cryptography.RandomNumberGenerator.GetBytes(16).");
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
                    if (photos.Count == 1)
                    {
                        throw new CheckFailedException(
                            $"POST /photos with three files in \"files\" listed one ({photos[0].Name}): an IFormFile parameter binds only the first file of the field. " +
                            "Bind an IFormFileCollection parameter and take the field's files with form.GetFiles(\"files\").");
                    }
                    Expect.Equal(files.Length, photos.Count, "the number of entries in the JSON array");
                    for (var i = 0; i < files.Length; i++)
                    {
                        Expect.That(photos[i].Name != "files",
                            $"Entry {i}'s \"name\" is \"files\": that is the form field's name (IFormFile.Name). The name the client gave the file, \"{files[i].Name}\", is IFormFile.FileName.");
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
            new("a file in another form field (\"thumbnail\") is neither counted, size-checked nor listed", async (configure, token) =>
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
                    var bigThumbnail = await UploadAsync(server, [("1.png", 10), ("2.png", 20)], token, thumbnail: 2_000);
                    Expect.That(bigThumbnail.Status != 413,
                        "POST /photos with two small files in \"files\" and a 2,000-byte \"thumbnail\" answered 413: the size rule looked at every file of " +
                        "the form. The limit is for the photos only: check the files of form.GetFiles(\"files\"), not the whole collection.");
                    ExpectStatus(200, bigThumbnail, "two small files in \"files\"; the 2,000-byte thumbnail is not a photo");
                    var onlyThumbnail = await UploadAsync(server, [], token, thumbnail: 40);
                    ExpectStatus(400, onlyThumbnail, "the form has a thumbnail but no file in \"files\"");
                }
            }),
        ]);

    /// <summary>The path base the check serves exercise 04.3's app under, as a reverse proxy that forwards a prefix would.</summary>
    private const string PathBase = "/shop";

    /// <summary>
    /// 04.3: routes that do not collide (<c>/users/me</c> and <c>/users/{id:int}</c>), a 201 whose <c>Location</c> the router
    /// builds from a named route, and 405 with <c>Allow</c> for a method a path does not have.
    /// </summary>
    public static Exercise<Action<WebApplication>> UserRoutes { get; } = new(
        id: "04.3",
        title: "Routes that don't collide, a Location from a named route, and 405",
        hint: """
            Map GET "/users/me", GET "/users/{id:int}" (name it: .WithName("GetUser")) and POST "/users". The :int constraint
            makes /users/abc match no route (404); without it, the route matches and binding "abc" to an int fails (400). A
            literal segment ("me") beats a parameter whatever order you map them in. Answer the POST with
            Results.CreatedAtRoute("GetUser", new { id }, user): the router builds the Location from the named route, path base
            included; a string you concatenate ("/users/" + id) does not know where the app is mounted. Map no other methods:
            routing answers a DELETE on /users/{id} with 405 and an Allow header by itself (app.Map(…) would accept every method).
            """,
        answers: ExerciseAnswers.Load("04.3"),
        cases:
        [
            new("POST /users {\"name\": …} → 201 Created with the user {\"id\", \"name\"}", async (configure, token) =>
            {
                var server = await StartUsersAsync(configure, token);
                await using (server)
                {
                    var name = NewName();
                    var created = await CreateUserAsync(server, name, token);
                    Expect.That(created.Status != 200,
                        $"POST {PathBase}/users answered 200 OK: a POST that creates a resource answers 201 Created, with the new resource's URL in Location. Use Results.CreatedAtRoute(…).");
                    ExpectStatus(201, created, "it created a user");
                    Expect.That(ReadInt(created, "id") is not null, $"POST {PathBase}/users should answer the new user with an integer \"id\", but answered {Shorten(created.Body)}.");
                    Expect.Equal(name, ReadString(created, "name"), "the \"name\" of the created user");
                }
            }),
            new($"the 201's Location is the new user's URL (the router builds it from a named route): right under the path base {PathBase}, and GET of it → 200 with that user", async (configure, token) =>
            {
                var server = await StartUsersAsync(configure, token);
                await using (server)
                {
                    foreach (var name in new[] { NewName(), NewName() })
                    {
                        var created = await CreateUserAsync(server, name, token);
                        ExpectStatus(201, created, "it created a user");
                        var id = ReadInt(created, "id");
                        var location = created.Header("Location");
                        Expect.That(!string.IsNullOrEmpty(location),
                            $"POST {PathBase}/users answered 201 without a Location header: it should say where the new user is. Results.CreatedAtRoute(\"GetUser\", new {{ id }}, user) sets it.");
                        var path = new Uri(created.Uri, location).AbsolutePath;
                        Expect.That(!(path == $"/users/{id}"),
                            $"The check serves your app under the path base {PathBase} (as a reverse proxy that forwards https://example.com{PathBase}/… does), and POST {PathBase}/users " +
                            $"answered Location: {location}, which points outside the app: a URL written by hand (\"/users/\" + id) does not know where the app is mounted, " +
                            "and neither does LinkGenerator.GetPathByName(…) without the HttpContext. Let the router build it from the named route and the request: .WithName(\"GetUser\") on the GET endpoint, then Results.CreatedAtRoute(\"GetUser\", new { id }, user).");
                        Expect.That(path == $"{PathBase}/users/{id}",
                            $"POST {PathBase}/users created the user {id} and answered Location: {location}; it should be that user's URL, {PathBase}/users/{id}. " +
                            "Name the GET endpoint (.WithName(\"GetUser\")) and answer Results.CreatedAtRoute(\"GetUser\", new { id }, user).");
                        var fetched = await SendUsersAsync(server, HttpMethod.Get, new Uri(created.Uri, location).PathAndQuery, token);
                        ExpectStatus(200, fetched, $"Location is the user {id} just created");
                        Expect.Equal(id, ReadInt(fetched, "id"), $"the \"id\" that GET {location} answers");
                        Expect.Equal(name, ReadString(fetched, "name"), $"the \"name\" that GET {location} answers");
                    }
                    ExpectStatus(404, await SendUsersAsync(server, HttpMethod.Get, $"{PathBase}/users/987654", token), "no user has the id 987654");
                }
            }),
            new("GET /users/me → 200 {\"me\": true}: the literal route, not the {id} one", async (configure, token) =>
            {
                var server = await StartUsersAsync(configure, token);
                await using (server)
                {
                    var me = await SendUsersAsync(server, HttpMethod.Get, $"{PathBase}/users/me", token);
                    ExpectStatus(200, me, "GET /users/me is the current user");
                    Expect.That(ReadProperty(me, "me") is { ValueKind: JsonValueKind.True },
                        $"GET {PathBase}/users/me should answer {{\"me\": true}}, but answered {Shorten(me.Body)}.");
                }
            }),
            new("GET /users/abc → 404 (no route matched), not 400 (a route matched and binding failed)", async (configure, token) =>
            {
                var server = await StartUsersAsync(configure, token);
                await using (server)
                {
                    var abc = await SendUsersAsync(server, HttpMethod.Get, $"{PathBase}/users/abc", token);
                    Expect.That(abc.Status != 400,
                        $"GET {PathBase}/users/abc answered 400 Bad Request: a route like /users/{{id}} matched \"abc\", and then turning it into an int failed. " +
                        "Constrain the route to integers, \"/users/{id:int}\": then \"abc\" matches no route, and the answer is 404 — the URL names nothing.");
                    ExpectStatus(404, abc, "no user can have the id \"abc\"");
                    var matched = abc.Header(MatchedRouteHeader);
                    Expect.That(matched is null,
                        $"GET {PathBase}/users/abc answered 404, but from your handler: the route {matched} matched \"abc\", and the handler said Not Found " +
                        "itself. Constrain the route, \"/users/{id:int}\": then \"abc\" matches no route, routing answers 404, and no handler runs for an id that cannot exist.");
                }
            }),
            new("a method a path does not have → 405 Method Not Allowed with Allow: GET (DELETE /users/5, PUT /users/me)", async (configure, token) =>
            {
                var server = await StartUsersAsync(configure, token);
                await using (server)
                {
                    var created = await CreateUserAsync(server, NewName(), token);
                    var id = ReadInt(created, "id") ?? 5;
                    foreach (var (method, path) in new[] { (HttpMethod.Delete, $"{PathBase}/users/{id}"), (HttpMethod.Put, $"{PathBase}/users/me") })
                    {
                        var exchange = await SendUsersAsync(server, method, path, token);
                        Expect.That(exchange.Status is not (>= 200 and < 300),
                            $"{method} {path} answered {exchange.Status} {ReasonPhrase(exchange.Status)}: the endpoint accepts every method. app.Map(…) (or MapMethods with more " +
                            "methods) maps all of them; map GET with MapGet, and routing answers other methods with 405.");
                        ExpectStatus(405, exchange, "the path exists, but not for that method");
                        var allow = exchange.Header("Allow") ?? "";
                        Expect.That(allow.Split(',').Select(m => m.Trim()).Contains("GET", StringComparer.OrdinalIgnoreCase),
                            $"{method} {path} answered 405 with Allow: \"{allow}\": it should list the methods the path has (GET). Leave 405 to routing: map only GET on the path.");
                    }
                }
            }),
        ]);

    private const string MatchedRouteHeader = "X-Check-Matched-Route";

    private const string ThrewHeader = "X-Check-Threw";

    /// <summary>Starts the learner's app in Production under the path base <see cref="PathBase"/>, with routing after it.</summary>
    private static Task<RunningApp> StartUsersAsync(Action<WebApplication> configure, CancellationToken token) =>
        Explained(() => InMemoryServer.StartAsync(_ => { }, app =>
        {
            app.UsePathBase(PathBase);
            app.UseRouting();
            // Tells the check which route, if any, the request matched: a 404 from routing and one from a handler look alike.
            app.Use(async (context, next) =>
            {
                if (context.GetEndpoint() is RouteEndpoint endpoint)
                {
                    context.Response.OnStarting(() =>
                    {
                        context.Response.Headers[MatchedRouteHeader] = endpoint.RoutePattern.RawText;
                        return Task.CompletedTask;
                    });
                }
                try
                {
                    await next(context);
                }
                catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
                {
                    // A 500 in Production says nothing: tell the check what the learner's code threw.
                    context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                    context.Response.Headers[ThrewHeader] = new string($"{e.GetType().Name}: {e.Message}".Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray());
                }
            });
            configure(app);
        }, "Production", token));

    private static string NewName() => $"user-{Random.Shared.Next(10_000, 100_000)}";

    private static Task<HttpExchange> CreateUserAsync(RunningApp server, string name, CancellationToken token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"{PathBase}/users")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { name }), System.Text.Encoding.UTF8, "application/json"),
        };
        return Explained(() => server.SendAsync(request, token));
    }

    private static Task<HttpExchange> SendUsersAsync(RunningApp server, HttpMethod method, string path, CancellationToken token) =>
        Explained(() => server.SendAsync(new HttpRequestMessage(method, path), token));

    /// <summary>
    /// About how many random bits the ids carry: position by position, a character that takes most of the values of the
    /// ids' alphabet counts as fully random, one that takes fewer counts log2 of the values it took. "Most" is three
    /// quarters of hex's 16 (100 random ids show 12 or more at once; a digit that never passes 7 shows 8, 3 bits) and
    /// half of Base64's 64 (100 ids show about 51).
    /// </summary>
    internal static double RandomBits(IReadOnlyList<string> ids)
    {
        var folded = ids.Select(id => id.All(Uri.IsHexDigit) ? id.ToLowerInvariant() : id).ToList();
        var alphabet = folded.All(id => id.All(Uri.IsHexDigit)) ? 16
            : folded.All(id => id.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '-' or '_' or '=')) ? 64
            : Math.Max(2, folded.SelectMany(id => id).Distinct().Count());
        var length = folded.Min(id => id.Length);
        var bits = 0.0;
        for (var i = 0; i < length; i++)
        {
            var distinct = folded.Select(id => id[i]).Distinct().Count();
            var most = alphabet == 16 ? 12 : (alphabet + 1) / 2;
            bits += distinct >= most ? Math.Log2(alphabet) : Math.Log2(distinct);
        }
        return bits;
    }

    /// <summary>The exercises of notebook 04, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [Sessions, Uploads, UserRoutes];

    /// <summary>Starts the learner's app in Production (no developer exception page: what the code throws reaches the check).</summary>
    private static Task<RunningApp> StartAsync(Action<WebApplication> configure, CancellationToken token) =>
        Explained(() => InMemoryServer.StartAsync(_ => { }, configure, "Production", token));

    private static Task<HttpExchange> StartSessionAsync(RunningApp server, CancellationToken token) =>
        Explained(() => server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/session"), token));

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

    /// <summary>Starts a session and fails unless the answer is 200: every case that needs a session fails with the same words.</summary>
    private static async Task<HttpExchange> StartSessionOkAsync(RunningApp server, CancellationToken token)
    {
        var exchange = await StartSessionAsync(server, token);
        if (exchange.Status == 200)
        {
            return exchange;
        }
        throw new CheckFailedException(
            $"POST /session should answer 200 OK and start a session, but answered {exchange.Status} {ReasonPhrase(exchange.Status)}{BodyInParentheses(exchange)}.");
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
    /// What the learner's code calls that can make a session id. <see cref="Reachable"/>: the methods the delegate calls,
    /// followed through every method of the learner's own (a helper class, a local function, a lambda, an async state
    /// machine, a helper in another cell) but not into the framework. <see cref="Around"/>: every method of the type
    /// that declares the delegate and its nested types (a cell's submission class: a delegate kept in a field of the
    /// cell is made there, not in a method the delegate calls).
    /// </summary>
    private sealed record SessionIdSources(CalledMethods Reachable, CalledMethods Around)
    {
        public static SessionIdSources Of(Delegate code)
        {
            var reachable = new CalledMethods();
            foreach (var method in AnswerIl.Reachable(code.Method, IsLearnerCode))
            {
                reachable.Add(method);
            }
            var around = new CalledMethods();
            var type = code.Method.DeclaringType;
            while (type?.DeclaringType is not null && type.Name.StartsWith('<'))
            {
                type = type.DeclaringType; // from a compiler-made closure to the class that holds the code
            }
            if (type is not null)
            {
                CollectType(type, around);
            }
            return new SessionIdSources(reachable, around);
        }

        /// <summary>The framework's own assemblies (and the course's) are not followed: only the learner's code is.</summary>
        private static bool IsLearnerCode(System.Reflection.MethodBase method)
        {
            var name = method.Module.Assembly.GetName().Name ?? "";
            return !(name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) ||
                     name is "netstandard" or "mscorlib" or "Course.Lib") && method.GetMethodBody() is not null;
        }

        private static void CollectType(Type type, CalledMethods called)
        {
            const System.Reflection.BindingFlags all = System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly;
            foreach (var method in type.GetMethods(all).Cast<System.Reflection.MethodBase>().Concat(type.GetConstructors(all)))
            {
                called.Add(method);
                foreach (var step in AnswerIl.StateMachineSteps(method))
                {
                    called.Add(step);
                }
            }
            foreach (var nested in type.GetNestedTypes(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic))
            {
                CollectType(nested, called);
            }
        }
    }

    private static readonly System.Reflection.MethodBase s_getInt32 =
        typeof(System.Security.Cryptography.RandomNumberGenerator).GetMethod("GetInt32", [typeof(int)])!;

    /// <summary>
    /// Whether the call at <paramref name="at"/> is RandomNumberGenerator.GetBytes(n) with a constant n under 16 (a
    /// small random number, like GetInt32, recorded as such).
    /// </summary>
    private static bool IsFewRandomBytes(AnswerIl code, int at, System.Reflection.MethodBase called) =>
        called.DeclaringType == typeof(System.Security.Cryptography.RandomNumberGenerator) && called.Name == "GetBytes" && called.IsStatic &&
        called.GetParameters() is [{ ParameterType: var type }] && type == typeof(int) &&
        code.ConstantAt(code.ArgumentSource(at, 0)) < 16;

    /// <summary>
    /// The buffer that the RandomNumberGenerator call at <paramref name="at"/> fills (Fill(span), GetBytes(byte[]),
    /// GetBytes(span), GetNonZeroBytes), when the IL shows its length as a constant under 16 (new byte[4],
    /// stackalloc byte[4]): how it was made, and its length; else null.
    /// </summary>
    private static (string Made, int Length)? SmallRandomBuffer(AnswerIl code, int at, System.Reflection.MethodBase called)
    {
        if (called.DeclaringType is not { } type || !typeof(System.Security.Cryptography.RandomNumberGenerator).IsAssignableFrom(type) ||
            called.Name is not ("Fill" or "GetBytes" or "GetNonZeroBytes") ||
            called.GetParameters() is not [{ ParameterType: var buffer }, ..] || (buffer != typeof(byte[]) && buffer != typeof(Span<byte>)))
        {
            return null;
        }
        var source = code.ArgumentSource(at, called.IsStatic ? 0 : 1);
        for (var hops = 0; source >= 0 && hops < 4; hops++)
        {
            var op = code.Instructions[source].OpCode;
            if (op == System.Reflection.Emit.OpCodes.Newarr && code.ConstantAt(code.Source(code.Producer(source, 0))) is { } length)
            {
                return length < 16 ? ($"new byte[{length}]", length) : null;
            }
            if (op == System.Reflection.Emit.OpCodes.Newobj && code.MethodAt(source) is { DeclaringType: var span } ctor && span == typeof(Span<byte>))
            {
                // new Span<byte>(byte[]), or what stackalloc byte[n] compiles to: new Span<byte>(void*, n).
                if (ctor.GetParameters() is [{ ParameterType.IsPointer: true }, _] && code.ConstantAt(code.Source(code.Producer(source, 0))) is { } stacked)
                {
                    return stacked < 16 ? ($"stackalloc byte[{stacked}]", stacked) : null;
                }
                source = ctor.GetParameters() is [{ ParameterType: var array }] && array == typeof(byte[]) ? code.ArgumentSource(source, 0) : -1;
                continue;
            }
            // byte[] to Span<byte>: the implicit conversion, or AsSpan().
            source = op == System.Reflection.Emit.OpCodes.Call && code.MethodAt(source) is { Name: "op_Implicit" or "AsSpan" } convert &&
                     convert.GetParameters() is [{ ParameterType: var from }] && from == typeof(byte[])
                ? code.ArgumentSource(source, 0)
                : -1;
        }
        return null;
    }

    /// <summary>
    /// RandomNumberGenerator.GetHexString(n) with a constant n under 32 (fewer than 16 bytes of randomness, 4 bits per
    /// hex digit): how it was made, and the bytes it holds; else null.
    /// </summary>
    private static (string Made, int Length)? ShortHexString(AnswerIl code, int at, System.Reflection.MethodBase called) =>
        called.DeclaringType == typeof(System.Security.Cryptography.RandomNumberGenerator) && called.Name == "GetHexString" && called.IsStatic &&
        called.GetParameters() is [{ ParameterType: var type }, ..] && type == typeof(int) &&
        code.ConstantAt(code.ArgumentSource(at, 0)) is { } digits && digits < 32
            ? ($"RandomNumberGenerator.GetHexString({digits})", digits / 2)
            : null;

    /// <summary>
    /// The methods called (or made delegates of, or created) by the methods <see cref="Add"/>ed, where a session id may
    /// come from: a cryptographic generator's call that gives fewer than 16 bytes (GetBytes(8), Fill of new byte[4],
    /// GetHexString(8)) is
    /// recorded as GetInt32, a small random number, and a small buffer also by how it was made.
    /// </summary>
    private sealed class CalledMethods
    {
        private readonly HashSet<System.Reflection.MethodBase> _called = [];
        private readonly List<(string Made, int Length)> _smallBuffers = [];

        public void Add(System.Reflection.MethodBase method)
        {
            var code = AnswerIl.Of(method);
            foreach (var (at, callee) in code.Calls())
            {
                var small = SmallRandomBuffer(code, at, callee) ?? ShortHexString(code, at, callee);
                if (small is { } buffer)
                {
                    _smallBuffers.Add(buffer);
                }
                _called.Add(small is not null || IsFewRandomBytes(code, at, callee) ? s_getInt32 : callee);
            }
        }

        private static bool Is(System.Reflection.MethodBase m, Type t) => m.DeclaringType == t;

        private bool Any(Func<System.Reflection.MethodBase, bool> predicate) => _called.Any(predicate);

        public bool UsesSystemRandom => Any(m => m.DeclaringType is { } t && typeof(Random).IsAssignableFrom(t));

        public bool UsesCryptographicRandom => Any(m => m.DeclaringType is { } t && typeof(System.Security.Cryptography.RandomNumberGenerator).IsAssignableFrom(t));

        /// <summary>
        /// A cryptographic generator call that gives 128 bits or more: not GetInt32, nor GetBytes of a constant under 16,
        /// nor a fill of a small buffer (nor Create or Dispose, which give none).
        /// </summary>
        public bool UsesEnoughCryptographicRandom => Any(m => m.DeclaringType is { } t &&
            typeof(System.Security.Cryptography.RandomNumberGenerator).IsAssignableFrom(t) && m.Name is not ("GetInt32" or "Create" or "Dispose" or ".ctor"));

        /// <summary>The smallest buffer under 16 bytes that a cryptographic generator fills (new byte[4], stackalloc byte[2]), or null.</summary>
        public (string Made, int Length)? SmallestRandomBuffer => _smallBuffers.Count == 0 ? null : _smallBuffers.MinBy(b => b.Length);

        public bool MakesGuids => Any(m => Is(m, typeof(Guid)) && m.Name is "NewGuid" or "CreateVersion7");

        public bool ReadsTheClock => Any(m =>
            (Is(m, typeof(DateTime)) || Is(m, typeof(DateTimeOffset))) && m.Name is "get_Now" or "get_UtcNow" ||
            Is(m, typeof(Environment)) && m.Name is "get_TickCount" or "get_TickCount64" ||
            Is(m, typeof(System.Diagnostics.Stopwatch)) && m.Name is "GetTimestamp" ||
            Is(m, typeof(TimeProvider)) && m.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp");

        public bool Hashes => Any(m => m.DeclaringType?.Namespace == "System.Security.Cryptography" &&
                                       m.Name is "HashData" or "ComputeHash" or "TryHashData" or "TryComputeHash");
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
            var threw = exchange.Header(ThrewHeader);
            throw new CheckFailedException(
                $"{exchange.Method} {exchange.Uri.PathAndQuery} should answer {expected} {ReasonPhrase(expected)} ({because}), " +
                $"but answered {exchange.Status} {ReasonPhrase(exchange.Status)}{BodyInParentheses(exchange)}." +
                (threw is null ? "" : $" Your code threw {threw}") +
                (threw?.Contains("No route matches the supplied values", StringComparison.Ordinal) == true
                    ? " The router found no route for the name and values you gave: the name is the GET endpoint's .WithName(\"GetUser\"), and the values name " +
                      "the route's parameters — new { id } for \"/users/{id:int}\"."
                    : ""));
        }
    }

    private static string BodyInParentheses(HttpExchange exchange) => exchange.Body.Length == 0 ? "" : $" (body: {Shorten(exchange.Body)})";

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

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
                ".WithMetadata(new RequestSizeLimitAttribute(…))) sets a limit for the whole request, not per file, and only a server that enforces it answers 413: Kestrel " +
                "does, the in-memory server does not (section 9). The per-file rule has to be your code: compare each file's Length with 1,024.");
        }
        if (exchange.Status == 400 && metadata.OfType<IFormOptionsMetadata>().Any())
        {
            throw new CheckFailedException(
                "POST /photos answered 400 Bad Request to a file over 1,024 bytes, where it should answer 413 Payload Too Large. That 400 means the " +
                "form failed to parse: a FormOptions limit (WithFormOptions, [RequestFormLimits]) answers 400, not 413 (section 9). The per-file " +
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

    private static string Shorten(string text) => text.Length == 0 ? "an empty body" : text.Length <= 120 ? $"\"{text}\"" : $"\"{text[..120]}…\"";
}
