using Course.Exercises;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Exercises;

public class MiddlewareOrderExercisesTests
{
    // 07.1 — order the pipeline

    [Fact]
    public void OrderThePipeline_UntouchedStarter_IsNotAttempted()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OrderThePipeline_Reference_Passes()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void OrderThePipeline_EmptyPipeline_FailsPreflightAnd401AndBoom()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("405", result.Cases[0].Message);
        Assert.Contains("UseExceptionHandler() must be outside", result.Cases[3].Message);
    }

    [Fact]
    public void OrderThePipeline_CorsAfterAuthorization_Fails401WithoutCorsHeaders()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseCors();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("CORS error", result.Cases[1].Message);
    }

    [Fact]
    public void OrderThePipeline_OnlyExceptionsAndCors_FailsBecauseWebApplicationPutsAuthFirst()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseCors();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    [Fact]
    public void OrderThePipeline_AuthorizationBeforeAuthentication_FailsTheAuthenticatedCall()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseCors();
            app.UseAuthorization();
            app.UseAuthentication();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Contains("authorization ran before authentication", result.Cases[2].Message);
    }

    [Fact]
    public void OrderThePipeline_ExceptionHandlerAfterAThrowingMiddleware_FailsTheBoomCase()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.Request.Path == "/boom")
                {
                    throw new InvalidOperationException("from a middleware");
                }
                await next(context);
            });
            app.UseExceptionHandler();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void OrderThePipeline_ExceptionHandlerLast_FailsOnlyTheThrowingAuthentication()
    {
        // The endpoints run after every layer, so a late UseExceptionHandler() still catches GET /boom;
        // only the exception thrown by authentication (registered before it) tells the orders apart.
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseExceptionHandler();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("UseExceptionHandler() must be outside", result.Cases[4].Message);
    }

    [Fact]
    public void OrderThePipeline_AuthenticationLeftToWebApplication_FailsTheThrowingAuthentication()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseCors();
            app.UseAuthorization();
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
    }

    // 07.2 — Server-Timing

    [Fact]
    public void ServerTiming_UntouchedStarter_IsNotAttempted()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void ServerTiming_Reference_Passes()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(Reference);

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ServerTiming_HeaderSetAfterNext_FailsWhereTheBodyWasWritten()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => async (context, next) =>
        {
            var start = time.GetTimestamp();
            await next(context);
            context.Response.Headers["Server-Timing"] = $"app;dur={time.GetElapsedTime(start).TotalMilliseconds}";
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("OnStarting", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
    }

    [Fact]
    public void ServerTiming_Stopwatch_FailsBecauseTheFakeClockMoved()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(_ => Reference(TimeProvider.System));

        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("measure with the TimeProvider you are given", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_Constant_FailsTheSecondMeasurement()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(_ => (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = "app;dur=250";
                return Task.CompletedTask;
            });
            return next(context);
        });

        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
    }

    [Fact]
    public void ServerTiming_WrongMetricName_FailsWithTheExpectedFormat()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(_ => (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = "total;dur=250";
                return Task.CompletedTask;
            });
            return next(context);
        });

        Assert.Contains("a metric named app", result.Cases[0].Message);
    }

    // 07.3 — API key filter on a group

    [Fact]
    public void AdminApiKey_UntouchedStarter_IsNotAttempted()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void AdminApiKey_Reference_Passes()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void AdminApiKey_NoFilter_FailsThe401Case()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, filter: false));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("should answer 401 Unauthorized, but answered 200", result.Cases[1].Message);
    }

    [Fact]
    public void AdminApiKey_CaseInsensitiveKey_Fails()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, ignoreCase: true));

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("X-Api-Key: S3CRET", result.Cases[1].Message);
    }

    [Fact]
    public void AdminApiKey_MiddlewareOnThePath_FailsTheUnmatchedRoute()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.Request.Path.StartsWithSegments("/admin") && context.Request.Headers["X-Api-Key"] != "s3cret")
                {
                    context.Response.StatusCode = 401;
                    return;
                }
                await next(context);
            });
            MapAdmin(app, filter: false);
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], result.Cases.Select(c => c.Outcome));
        Assert.Contains("write an endpoint filter on the group", result.Cases[3].Message);
    }

    [Fact]
    public void AdminApiKey_FilterOnEveryEndpoint_FailsThePublicStatus()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            app.MapGet("/status", () => "guarded").AddEndpointFilter(async (context, next) =>
                context.HttpContext.Request.Headers["X-Api-Key"] == "s3cret" ? await next(context) : TypedResults.Unauthorized());
            MapAdmin(app);
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
    }

    private static Func<HttpContext, RequestDelegate, Task> Reference(TimeProvider time) => async (context, next) =>
    {
        var start = time.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalMilliseconds:0.###}");
            return Task.CompletedTask;
        });
        await next(context);
    };

    private static void MapAdmin(WebApplication app, bool filter = true, bool ignoreCase = false)
    {
        var admin = app.MapGroup("/admin");
        if (filter)
        {
            admin.AddEndpointFilter(async (context, next) =>
                string.Equals(context.HttpContext.Request.Headers["X-Api-Key"], "s3cret", ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                    ? await next(context)
                    : TypedResults.Unauthorized());
        }
        admin.MapGet("/stats", () => new { orders = 3 });
        admin.MapDelete("/cache", () => TypedResults.NoContent());
    }
}
