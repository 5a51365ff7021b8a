using System.Collections.Concurrent;
using System.Security.Cryptography;
using Course.Exercises;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace Course.Lib.Tests.Exercises;

public class RoutingAndParametersExercisesTests
{
    // 04.1 — a custom header in, a secure session cookie out

    [Fact]
    public void Sessions_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Sessions_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_CookieWithoutOptions_FailsTheFlagsCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, options: null));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should be HttpOnly", result.Cases[1].Message);
    }

    [Fact]
    public void Sessions_SameSiteNone_FailsTheFlagsCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.None }));

        Assert.Contains("SameSite=Strict or Lax", result.Cases[1].Message);
    }

    [Fact]
    public void Sessions_HeaderReadByParameterName_FailsTheFirstCase()
    {
        // [FromHeader] string? x_client_id binds a header literally named "x_client_id", not X-Client-Id.
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            app.MapPost("/session", ([FromHeader] string? x_client_id, HttpResponse response) =>
            {
                response.Cookies.Append("session_id", Guid.NewGuid().ToString("N"), SafeOptions);
                return Results.Ok(new { clientId = x_client_id });
            });
            app.MapGet("/me", () => Results.Unauthorized());
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the clientId in the JSON body", result.Cases[0].Message);
        Assert.Contains("x_client_id binds a header literally called x_client_id", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_HeaderReadByParameterNameAndRequired_EveryCaseNamesTheHeader()
    {
        // The answer refuses a request without its header (400), so POST /session with X-Client-Id fails: the first case
        // names the cause (the check's probe with an x_client_id header got 200), the others say "the same cause".
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            app.MapPost("/session", ([FromHeader] string? x_client_id, HttpResponse response) =>
            {
                if (string.IsNullOrWhiteSpace(x_client_id))
                {
                    return Results.BadRequest();
                }
                response.Cookies.Append("session_id", RandomId(), SafeOptions);
                return Results.Ok(new { clientId = x_client_id });
            });
            app.MapGet("/me", () => Results.Unauthorized());
        });

        Assert.Contains("reads a header literally called x_client_id", result.Cases[0].Message);
        Assert.Contains("The same cause", result.Cases[1].Message);
    }

    [Fact]
    public void Sessions_FixedSessionId_FailsTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, newId: () => "abc123"));

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("got the same id", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_CounterSessionId_FailsTheUnguessableCase()
    {
        var counter = 0;
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessions(app, newId: () => $"session-{Interlocked.Increment(ref counter):D8}"));

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("can be guessed", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_MeThatTrustsAnyCookie_FailsTheLastCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app => MapSessions(app, trustAnyCookie: true));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("should answer 401", result.Cases[4].Message);
        Assert.Contains("never issued that id", result.Cases[5].Message);
    }

    // 04.2 — an upload endpoint with a size limit

    [Fact]
    public void Uploads_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Uploads_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1024));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Uploads_WithoutDisableAntiforgery_SaysWhy()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1024, disableAntiforgery: false));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        // Said once, in the first case, in the course's words; the others point back to it.
        Assert.Contains(".DisableAntiforgery()", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.StartsWith("The same cause as “", c.Message, StringComparison.Ordinal));
        Assert.DoesNotContain("UseAntiforgery", result.ToString());
    }

    [Fact]
    public void Uploads_OffByOneLimit_FailsTheEdgeCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1023));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should answer 200 OK (1,024 bytes is within the limit), but answered 413", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_NoLimit_FailsTheSizeCases()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: int.MaxValue));

        Assert.Contains("should answer 413", result.Cases[1].Message);
        Assert.Contains("should answer 413", result.Cases[2].Message);
        Assert.Contains("the size rule is wrong", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_OnlyTheFirstFileChecked_FailsTheMixedCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos[0].Length > 1024 ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("should answer 413", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_LimitOnTheTotalSize_FailsTheFirstCaseEveryTime()
    {
        for (var run = 0; run < 5; run++) // the case's sizes are random: the verdict must not be
        {
            var result = RoutingAndParametersExercises.Uploads.Check(app =>
                app.MapPost("/photos", (IFormFileCollection form) =>
                {
                    var photos = form.GetFiles("files");
                    return photos.Count is 0 or > 3 ? Results.BadRequest()
                        : photos.Sum(p => p.Length) > 1024 ? Results.StatusCode(413)
                        : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
                }).DisableAntiforgery());

            Assert.Contains("the limit is per file", result.Cases[0].Message);
        }
    }

    [Fact]
    public void Uploads_ConstantAnswer_IsIncorrect()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => app.MapPost("/photos", () => Results.Ok(Array.Empty<object>())));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the number of entries", result.Cases[0].Message);
    }

    // 04.3 — a route group with a prefix, a tag and a shared filter

    [Fact]
    public void OrdersGroup_UntouchedStarter_IsNotAttempted()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OrdersGroup_Reference_IsCorrect()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void OrdersGroup_TenantRuleAsMiddleware_FailsTheHealthCase()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            app.Use(async (context, next) =>
            {
                if (string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
                {
                    context.Response.StatusCode = 400;
                    return;
                }
                await next(context);
            });
            return MapOrders(app, filter: false);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("refused before it reached the endpoint", result.Cases[2].Message);
        Assert.Contains("outside the group", result.Cases[4].Message);
    }

    [Fact]
    public void OrdersGroup_TenantRuleAsMiddlewareForThePrefix_FailsTheUnmatchedCase()
    {
        // Middleware that checks the path passes /health, but it runs even when no endpoint matches.
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            app.Use(async (context, next) =>
            {
                if (context.Request.Path.StartsWithSegments("/api/orders") && string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
                {
                    context.Response.StatusCode = 400;
                    return;
                }
                await next(context);
            });
            return MapOrders(app, filter: false);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
        Assert.Contains("the tenant rule ran although no endpoint matched", result.Cases[1].Message);
    }

    [Fact]
    public void OrdersGroup_NoFilter_FailsTheTenantCase()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, filter: false));

        Assert.Contains("should answer 400", result.Cases[2].Message);
    }

    [Fact]
    public void OrdersGroup_NoTags_FailsTheTagCase()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, tags: false));

        Assert.Contains("not \"orders\"", result.Cases[3].Message);
        Assert.Contains("not \"orders\"", result.Cases[5].Message);
    }

    [Fact]
    public void OrdersGroup_NoRouteConstraint_FailsThe404Case()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, constraint: false));

        Assert.Contains("Constrain the route to integers", result.Cases[1].Message);
    }

    [Fact]
    public void OrdersGroup_FilterOnEachEndpoint_FailsWhenTheCheckExtendsTheGroup()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, filterPerEndpoint: true));

        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
        Assert.Contains("the filter is not on the group", result.Cases[3].Message);
    }

    [Fact]
    public void OrdersGroup_TagsOnEachEndpoint_FailsWhenTheCheckExtendsTheGroup()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, tagsPerEndpoint: true));

        Assert.Equal(CaseOutcome.Passed, result.Cases[5].Outcome);
        Assert.Contains("the tag is on each endpoint", result.Cases[3].Message);
    }

    [Fact]
    public void OrdersGroup_ReturnsAnotherGroupForThePrefix_Fails()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            MapOrders(app);
            return app.MapGroup("/api/orders");
        });

        Assert.Contains("the filter is not on the group", result.Cases[3].Message);
    }

    [Fact]
    public void OrdersGroup_ReturnsNull_SaysReturnTheGroup()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            MapOrders(app);
            return null!;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("MapOrders returned null", result.Cases[0].Message);
    }

    [Fact]
    public void OrdersGroup_MiddlewareForTaggedEndpoints_FailsAsMiddleware()
    {
        // Behaves like the filter from outside, even for the check's endpoint (it gets the group's tag), but it is middleware.
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            UseTenantMiddleware(app, context => context.GetEndpoint()?.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains("orders") == true);
            return MapOrders(app, filter: false);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
        Assert.Contains("by middleware (app.Use)", result.Cases[2].Message);
    }

    [Fact]
    public void OrdersGroup_MiddlewareForEveryEndpoint_FailsTheHealthCase()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            UseTenantMiddleware(app, context => context.GetEndpoint() is not null);
            return MapOrders(app, filter: false);
        });

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("outside the group", result.Cases[4].Message);
    }

    [Fact]
    public void Sessions_ForgeableStatelessCookie_FailsTheForgeryCase()
    {
        // "<random>.<clientId>", and /me trusts what follows the dot: anyone can send session_id=x.victim.
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
            {
                if (string.IsNullOrWhiteSpace(clientId))
                {
                    return Results.BadRequest();
                }
                response.Cookies.Append("session_id", RandomId() + "." + clientId, SafeOptions);
                return Results.Ok(new { clientId });
            });
            app.MapGet("/me", (HttpRequest request) =>
                request.Cookies["session_id"] is { } id && id.Split('.') is [_, var clientId] ? Results.Ok(new { clientId }) : Results.Unauthorized());
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
        Assert.Contains("anyone can forge", result.Cases[5].Message);
    }

    [Fact]
    public void Sessions_HashOfACounterInsideMapSessions_FailsTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            var counter = 0;
            MapSessionsCore(app, SafeOptions, () => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Interlocked.Increment(ref counter).ToString()))), trustAnyCookie: false);
        });

        Assert.Contains("the SHA256 hash of \"1\"", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_HashOfACounterThatSurvivesRestarts_FailsTheUnguessableCase()
    {
        // A counter outside MapSessions (a cell's top-level variable) goes on counting across the check's apps: the restart
        // does not repeat an id, but the ids are still hashes of small numbers.
        var counter = 100;
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessionsCore(app, SafeOptions, () => Convert.ToHexString(MD5.HashData(BitConverter.GetBytes(Interlocked.Increment(ref counter)))).ToLowerInvariant(), trustAnyCookie: false));

        Assert.Contains("the MD5 hash of the 4-byte integer", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_SeededRandom_FailsAfterARestart()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            var random = new Random(42);
            MapSessionsCore(app, SafeOptions, () =>
            {
                lock (random)
                {
                    return Convert.ToHexString(BitConverter.GetBytes(random.NextInt64())) + Convert.ToHexString(BitConverter.GetBytes(random.NextInt64()));
                }
            }, trustAnyCookie: false);
        });

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("After a restart", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_MapsNothing_EveryCaseSaysNoSessionWasStarted()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(_ => { });

        Assert.Contains("should answer 200 OK and start a session, but answered 404", result.Cases[0].Message);
        Assert.Contains("The same cause", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_RequestSizeLimitAttribute_IsIncorrectAndSaysTheInMemoryServerIgnoresIt()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", [RequestSizeLimit(1024)] (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("the in-memory server does not", result.Cases[1].Message);
        Assert.DoesNotContain("\\u0022", result.ToString());
    }

    [Fact]
    public void Uploads_FormOptionsLimit_IsIncorrectAndExplainsThe400()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).WithFormOptions(multipartBodyLengthLimit: 1024).DisableAntiforgery());

        Assert.Contains("a FormOptions limit", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_OnlyTheLastFileChecked_FailsTheOrderCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos[^1].Length > 1024 ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("a 50,000-byte file first", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_EveryFileOfTheForm_FailsTheOtherFieldCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection files) =>
                files.Count is 0 or > 3 ? Results.BadRequest()
                    : files.Any(f => f.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length }))).DisableAntiforgery());

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("form.GetFiles(\"files\")", result.Cases[4].Message);
    }

    [Fact]
    public void Uploads_SortedByName_FailsTheOrderCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.OrderBy(p => p.FileName).Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("in the order sent", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_ReadingTheFormItself_IsCorrect()
    {
        // No form parameter, so no antiforgery metadata: an equally good answer.
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", async (HttpRequest request) =>
            {
                var files = (await request.ReadFormAsync()).Files.GetFiles("files");
                return files.Count is 0 or > 3 ? Results.BadRequest()
                    : files.Any(f => f.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length }));
            }));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Uploads_AListOfFormFiles_SaysTheParameterWasReadAsJsonOnce()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IReadOnlyList<IFormFile> files) =>
                files.Count is 0 or > 3 ? Results.BadRequest() : Results.Ok(files.Select(f => new { name = f.FileName, size = f.Length })))
            .DisableAntiforgery());

        Assert.Contains("read one of your parameters as a JSON body", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.Contains("The same cause", c.Message));
    }

    [Fact]
    public void Uploads_AHandlerTheFrameworkRefuses_IsExplainedAsTheLearnersNotTheChecks()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", ([FromForm(Name = "files")] IFormFileCollection files) => Results.Ok(files.Count)).DisableAntiforgery());

        Assert.Contains("could not turn one of your handlers into an endpoint", result.Cases[0].Message);
        Assert.DoesNotContain("The check itself failed", result.ToString());
    }

    [Fact]
    public void Sessions_GuidIds_AreCorrect()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
            MapSessionsCore(app, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax }, () => Guid.NewGuid().ToString(), trustAnyCookie: false));

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void Sessions_HashOfTheClientIdAndACounterThatSurvivesRestarts_FailsTheUnguessableCase()
    {
        var counter = 40;
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            var sessions = new ConcurrentDictionary<string, string>();
            app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
            {
                if (string.IsNullOrWhiteSpace(clientId))
                {
                    return Results.BadRequest();
                }
                var id = Convert.ToBase64String(SHA1.HashData(System.Text.Encoding.UTF8.GetBytes($"{clientId}:{Interlocked.Increment(ref counter)}")));
                sessions[id] = clientId;
                response.Cookies.Append("session_id", id, SafeOptions);
                return Results.Ok(new { clientId });
            });
            app.MapGet("/me", (HttpRequest request) =>
                request.Cookies["session_id"] is { } id && sessions.TryGetValue(id, out var clientId) ? Results.Ok(new { clientId }) : Results.Unauthorized());
        });

        Assert.Contains("the SHA1 hash of \"client-a:4", result.Cases[2].Message);
    }

    [Fact]
    public void OrdersGroup_PrefixTooBroad_SaysTheGroupsPrefixIsWrong()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            var api = app.MapGroup("/api").WithTags("orders").AddEndpointFilter(RequireTenant);
            api.MapGet("/orders", () => new[] { new { id = 1 } });
            api.MapGet("/orders/{id:int}", (int id) => new { id });
            return api;
        });

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("does not have the prefix /api/orders", result.Cases[3].Message);
    }

    [Fact]
    public void Sessions_IdsFromRandomShared_FailTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(SessionIdsFromSystemRandom.MapWithRandomShared);

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[5].Outcome);
        Assert.Contains("System.Random", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_IdsFromAnUnseededRandom_FailTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(SessionIdsFromSystemRandom.MapWithNewRandom);

        Assert.Contains("System.Random", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_IdsHashedFromTheClock_FailTheUnguessableCase()
    {
        var result = RoutingAndParametersExercises.Sessions.Check(SessionIdsFromTheClock.MapWithHashOfTicks);

        Assert.Equal(CaseOutcome.Passed, result.Cases[5].Outcome);
        Assert.Contains("hash of the time", result.Cases[2].Message);
    }

    [Fact]
    public void Sessions_RandomIdsWithAnExpiryFromTheClock_AreCorrect()
    {
        // Reading the clock for the cookie's expiry is fine when the id itself is random.
        var result = RoutingAndParametersExercises.Sessions.Check(RandomSessionIdsWithAnExpiry.MapWithRandomIdsAndAnExpiry);

        Assert.True(result.Passed, result.ToString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sessions_ReusingTheCookiesSessionId_FailsAsSessionFixation(bool onlyKnownSessions)
    {
        // Reusing the id a request brings: any id at all, or only one the server knows (then an attacker plants its own real session).
        var result = RoutingAndParametersExercises.Sessions.Check(app =>
        {
            var sessions = new ConcurrentDictionary<string, string>();
            app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpRequest request, HttpResponse response) =>
            {
                if (string.IsNullOrWhiteSpace(clientId))
                {
                    return Results.BadRequest();
                }
                var sessionId = request.Cookies["session_id"] is { } old && (!onlyKnownSessions || sessions.ContainsKey(old)) ? old : RandomId();
                sessions[sessionId] = clientId;
                response.Cookies.Append("session_id", sessionId, SafeOptions);
                return Results.Ok(new { clientId });
            });
            app.MapGet("/me", (HttpRequest request) =>
                request.Cookies["session_id"] is { } sessionId && sessions.TryGetValue(sessionId, out var clientId)
                    ? Results.Ok(new { clientId })
                    : Results.Unauthorized());
        });

        Assert.Equal(CaseOutcome.Passed, result.Cases[4].Outcome);
        Assert.Contains("session fixation", result.Cases[5].Message);
    }

    [Fact]
    public void Uploads_ThreeFilesRefused_SaysThreeIsAllowed()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or >= 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("three is not too many", result.Cases[0].Message);
    }

    [Fact]
    public void Uploads_WholeKilobytes_SaysTheSizeRuleIsWrong()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Any(p => p.Length / 1024 > 1) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Contains("the size rule is wrong", result.Cases[1].Message);
        Assert.Contains("the size rule is wrong", result.Cases[2].Message);
    }

    [Fact]
    public void Uploads_OnlyTheFirstTwoFilesChecked_FailsTheThirdFileLayout()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app =>
            app.MapPost("/photos", (IFormFileCollection form) =>
            {
                var photos = form.GetFiles("files");
                return photos.Count is 0 or > 3 ? Results.BadRequest()
                    : photos.Take(2).Any(p => p.Length > 1024) ? Results.StatusCode(413)
                    : Results.Ok(photos.Select(p => new { name = p.FileName, size = p.Length }));
            }).DisableAntiforgery());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("two small files, then a 2,000-byte one", result.Cases[2].Message);
        Assert.Contains("every file has to be checked", result.Cases[2].Message);
    }

    [Fact]
    public void OrdersGroup_FilterOnAnOuterApiGroup_SaysItReachesEveryApiEndpoint()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            var orders = app.MapGroup("/api").AddEndpointFilter(RequireTenant).MapGroup("/orders").WithTags("orders");
            orders.MapGet("/", () => new[] { new { id = 1 } });
            orders.MapGet("/{id:int}", (int id) => new { id });
            return orders;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("filter is on the outer group", result.Cases[4].Message);
    }

    [Fact]
    public void OrdersGroup_PrefixRepeatedInEachPath_ListsTheRoutes()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            var orders = app.MapGroup("/api/orders").WithTags("orders").AddEndpointFilter(RequireTenant);
            orders.MapGet("/api/orders", () => new[] { new { id = 1 } });
            orders.MapGet("/api/orders/{id:int}", (int id) => new { id });
            return orders;
        });

        Assert.Contains("/api/orders/api/orders/{id:int}", result.Cases[0].Message);
        Assert.Contains("paths relative to its prefix", result.Cases[0].Message);
    }

    [Fact]
    public void OrdersGroup_MadeOnAnOuterApiGroupWithoutFilterOrTag_IsCorrect()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app =>
        {
            var orders = app.MapGroup("/api").MapGroup("/orders").WithTags("orders").AddEndpointFilter(RequireTenant);
            orders.MapGet("/", () => new[] { new { id = 1 } });
            orders.MapGet("/{id:int}", (int id) => new { id });
            return orders;
        });

        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Answers in classes of their own: the check reads the code around the delegate, and this test class also holds correct answers.</summary>
    private static class SessionIdsFromSystemRandom
    {
        public static void MapWithRandomShared(WebApplication app) =>
            MapSessionsCore(app, SafeOptions, () => Random.Shared.NextInt64().ToString("x16"), trustAnyCookie: false);

        public static void MapWithNewRandom(WebApplication app)
        {
            var random = new Random();
            MapSessionsCore(app, SafeOptions, () =>
            {
                var bytes = new byte[16];
                lock (random)
                {
                    random.NextBytes(bytes);
                }
                return Convert.ToHexString(bytes);
            }, trustAnyCookie: false);
        }
    }

    private static class SessionIdsFromTheClock
    {
        public static void MapWithHashOfTicks(WebApplication app) =>
            MapSessionsCore(app, SafeOptions, () => Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(DateTime.UtcNow.Ticks))), trustAnyCookie: false);
    }

    private static class RandomSessionIdsWithAnExpiry
    {
        public static void MapWithRandomIdsAndAnExpiry(WebApplication app) =>
            MapSessionsCore(app,
                new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", Expires = DateTimeOffset.UtcNow.AddHours(1) },
                () => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), trustAnyCookie: false);
    }

    // Answers written as a learner would write them in the notebook.

    private static readonly CookieOptions SafeOptions = new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" };

    /// <summary>The reference answer, or a variation of it: cookie options (null: none at all), how ids are made, a /me that trusts any cookie.</summary>
    private static void MapSessions(WebApplication app) => MapSessionsCore(app, SafeOptions, RandomId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, CookieOptions? options) => MapSessionsCore(app, options, RandomId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, Func<string> newId) => MapSessionsCore(app, SafeOptions, newId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, bool trustAnyCookie) => MapSessionsCore(app, SafeOptions, RandomId, trustAnyCookie);

    private static string RandomId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    internal static void MapSessionsCore(WebApplication app, CookieOptions? options, Func<string> newId, bool trustAnyCookie)
    {
        var sessions = new ConcurrentDictionary<string, string>();
        app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
        {
            if (string.IsNullOrWhiteSpace(clientId))
            {
                return Results.BadRequest();
            }
            var sessionId = newId();
            sessions[sessionId] = clientId;
            if (options is null)
            {
                response.Cookies.Append("session_id", sessionId);
            }
            else
            {
                response.Cookies.Append("session_id", sessionId, options);
            }
            return Results.Ok(new { clientId });
        });
        app.MapGet("/me", (HttpRequest request) =>
            request.Cookies["session_id"] is { } sessionId && (sessions.TryGetValue(sessionId, out var clientId) || trustAnyCookie)
                ? Results.Ok(new { clientId = clientId ?? "someone" })
                : Results.Unauthorized());
    }

    private static void MapUploads(WebApplication app, int limit, bool disableAntiforgery = true)
    {
        var endpoint = app.MapPost("/photos", (IFormFileCollection form) =>
        {
            var photos = form.GetFiles("files");
            if (photos.Count is 0 or > 3)
            {
                return Results.BadRequest();
            }
            return photos.Any(photo => photo.Length > limit)
                ? Results.StatusCode(StatusCodes.Status413PayloadTooLarge)
                : Results.Ok(photos.Select(photo => new { name = photo.FileName, size = photo.Length }));
        });
        if (disableAntiforgery)
        {
            endpoint.DisableAntiforgery();
        }
    }

    private static RouteGroupBuilder MapOrders(WebApplication app, bool filter = true, bool tags = true, bool constraint = true,
        bool filterPerEndpoint = false, bool tagsPerEndpoint = false)
    {
        var orders = app.MapGroup("/api/orders");
        if (tags && !tagsPerEndpoint)
        {
            orders.WithTags("orders");
        }
        if (filter && !filterPerEndpoint)
        {
            orders.AddEndpointFilter(RequireTenant);
        }
        var list = orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
        var one = orders.MapGet(constraint ? "/{id:int}" : "/{id}", (int id) => new { id });
        foreach (var endpoint in new[] { list, one })
        {
            if (filterPerEndpoint)
            {
                endpoint.AddEndpointFilter(RequireTenant);
            }
            if (tagsPerEndpoint)
            {
                endpoint.WithTags("orders");
            }
        }
        return orders;
    }

    private static async ValueTask<object?> RequireTenant(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context);

    /// <summary>A middleware that refuses requests without X-Tenant-Id when <paramref name="refuse"/> says so.</summary>
    private static void UseTenantMiddleware(WebApplication app, Func<HttpContext, bool> refuse) =>
        app.Use(async (context, next) =>
        {
            if (refuse(context) && string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
            {
                context.Response.StatusCode = 400;
                return;
            }
            await next(context);
        });
}
