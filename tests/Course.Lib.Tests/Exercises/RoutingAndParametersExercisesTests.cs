using System.Collections.Concurrent;
using System.Security.Cryptography;
using Course.Exercises;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

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
        // Said once, in the first case; the others point back to it.
        Assert.Contains(".DisableAntiforgery()", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.StartsWith("The same cause as “", c.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Uploads_OffByOneLimit_FailsTheEdgeCase()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: 1023));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should answer 200 OK, but answered 413", result.Cases[1].Message);
    }

    [Fact]
    public void Uploads_NoLimit_FailsTheSizeCases()
    {
        var result = RoutingAndParametersExercises.Uploads.Check(app => MapUploads(app, limit: int.MaxValue));

        Assert.Contains("should answer 413", result.Cases[1].Message);
        Assert.Contains("should answer 413", result.Cases[2].Message);
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
            MapOrders(app, filter: false);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
        Assert.Contains("Put it on the group with AddEndpointFilter", result.Cases[3].Message);
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
            MapOrders(app, filter: false);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[3].Outcome);
        Assert.Contains("so it is middleware checking the path", result.Cases[1].Message);
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

        Assert.Contains("not \"orders\"", result.Cases[4].Message);
    }

    [Fact]
    public void OrdersGroup_NoRouteConstraint_FailsThe404Case()
    {
        var result = RoutingAndParametersExercises.OrdersGroup.Check(app => MapOrders(app, constraint: false));

        Assert.Contains("should answer 404 Not Found, but answered 400", result.Cases[1].Message);
    }

    // Answers written as a learner would write them in the notebook.

    private static readonly CookieOptions SafeOptions = new() { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" };

    /// <summary>The reference answer, or a variation of it: cookie options (null: none at all), how ids are made, a /me that trusts any cookie.</summary>
    private static void MapSessions(WebApplication app) => MapSessionsCore(app, SafeOptions, RandomId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, CookieOptions? options) => MapSessionsCore(app, options, RandomId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, Func<string> newId) => MapSessionsCore(app, SafeOptions, newId, trustAnyCookie: false);

    private static void MapSessions(WebApplication app, bool trustAnyCookie) => MapSessionsCore(app, SafeOptions, RandomId, trustAnyCookie);

    private static string RandomId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));

    private static void MapSessionsCore(WebApplication app, CookieOptions? options, Func<string> newId, bool trustAnyCookie)
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

    private static void MapOrders(WebApplication app, bool filter = true, bool tags = true, bool constraint = true)
    {
        var orders = app.MapGroup("/api/orders");
        if (tags)
        {
            orders.WithTags("orders");
        }
        if (filter)
        {
            orders.AddEndpointFilter(async (context, next) =>
                string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context));
        }
        orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
        orders.MapGet(constraint ? "/{id:int}" : "/{id}", (int id) => new { id });
    }
}
