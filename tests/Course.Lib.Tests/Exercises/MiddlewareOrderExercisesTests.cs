using Course.Exercises;
using Course.Middleware;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Course.Lib.Tests.Exercises;

public class MiddlewareOrderExercisesTests
{
    // 07.1 — order a pipeline from its brief. Each wrong answer below is the delegate twin of a file in Answers/07.1/.
    // Cases: 0 preflight, 1 refused origins, 2 anonymous 401, 3 partner policy, 4 GET /me, 5 quota 429, 6 /boom, 7 crashing
    // authentication, 8 ambiguous route.

    private const int Cases = 9;

    [Fact]
    public void OrderThePipeline_UntouchedStarter_IsNotAttempted()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void OrderThePipeline_Reference_Passes()
    {
        AssertCorrect(MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        }));
    }

    [Fact]
    public void OrderThePipeline_PrefixFirstAndQuotaAfterAuthorization_Passes()
    {
        AssertCorrect(MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<GatewayPrefix>();
            app.UseExceptionHandler();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
            app.UseMiddleware<UserQuota>();
        }));
    }

    [Fact]
    public void OrderThePipeline_SectionFivePipelineA_FailsEveryRoutedCaseWithThe404()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
        });

        // UseCors() answers a preflight from the default policy without an endpoint, and authentication throws before the
        // 404: those two pass; everything that needs an endpoint fails.
        Assert.Equal(FailedOnly(Cases, 1, 2, 3, 4, 5, 6, 8), Outcomes(result));
        Assert.Contains("GatewayPrefix must come before your UseRouting()", result.Cases[4].Message);
    }

    [Fact]
    public void OrderThePipeline_PrefixAfterRouting_SaysItMustComeBefore()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseRouting();
            app.UseMiddleware<GatewayPrefix>();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("404 Not Found", result.Cases[4].Message);
        Assert.Contains("GatewayPrefix must come before your UseRouting()", result.Cases[4].Message);
    }

    [Fact]
    public void OrderThePipeline_RoutingLeftToWebApplication_SaysItRanBeforeThePrefix()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 1, 2, 3, 4, 5, 6, 8), Outcomes(result));
        Assert.Contains("WebApplication ran its own UseRouting() at the very start", result.Cases[4].Message);
    }

    [Fact]
    public void OrderThePipeline_QuotaFirst_SaysItRanBeforeAuthentication()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<UserQuota>();
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 5), Outcomes(result));
        Assert.Contains("it ran before UseAuthentication()", result.Cases[5].Message);
    }

    [Fact]
    public void OrderThePipeline_NoQuota_SaysItNeverRan()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 5), Outcomes(result));
        Assert.Contains("UserQuota never ran", result.Cases[5].Message);
    }

    [Fact]
    public void OrderThePipeline_QuotaAndAuthenticationBeforeCors_FailThe429AndTheCrashWithoutCorsHeaders()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseCors();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 5, 7), Outcomes(result));
        Assert.Contains("UserQuota answered before UseCors() could add its headers", result.Cases[5].Message);
        Assert.Contains("UseCors() before UseAuthentication()", result.Cases[7].Message);
    }

    [Fact]
    public void OrderThePipeline_RoutingBeforeTheExceptionHandler_FailsOnlyTheRoutingException()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseExceptionHandler();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 8), Outcomes(result));
        Assert.Contains("AmbiguousMatchException", result.Cases[8].Message);
        Assert.Contains("outside your exception handler", result.Cases[8].Message);
    }

    [Fact]
    public void OrderThePipeline_CorsOutsideTheExceptionHandler_FailsOnlyTheEndpointPolicy()
    {
        // CORS outside the handler would keep its headers on the 500 (OnStarting), but routing must be inside the handler,
        // so CORS would run before routing and miss the endpoint's own policy.
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<GatewayPrefix>();
            app.UseCors();
            app.UseExceptionHandler();
            app.UseRouting();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 3), Outcomes(result));
        Assert.Contains("placed before an explicit UseRouting()", result.Cases[3].Message);
    }

    [Fact]
    public void OrderThePipeline_HandWrittenCorsMiddleware_FailsTheEndpointPolicy()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                context.Response.Headers["Access-Control-Allow-Origin"] = MiddlewareOrderExercises.FrontEndOrigin;
                if (context.Request.Method == "OPTIONS")
                {
                    context.Response.StatusCode = 204;
                    return;
                }
                await next(context);
            });
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
        Assert.Contains("RequireCors(\"partner\"), was not applied", result.Cases[3].Message);
        Assert.Contains("Access-Control-Allow-Origin: https://app.example", result.Cases[3].Message);
    }

    [Fact]
    public void OrderThePipeline_CorsBeforeAnExplicitUseRouting_FailsOnlyTheEndpointPolicy()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseCors();
            app.UseRouting();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 3), Outcomes(result));
        Assert.Contains("placed before an explicit UseRouting()", result.Cases[3].Message);
    }

    [Fact]
    public void OrderThePipeline_AnyOrigin_FailsTheRefusedOrigin()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(Pipeline(app => app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader())));

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("allows every origin", result.Cases[1].Message);
        Assert.Contains("allows every origin", result.Cases[0].Message);
    }

    [Fact]
    public void OrderThePipeline_OriginEchoedBack_FailsTheRefusedOrigin()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(Pipeline(app => app.UseCors(policy => policy.SetIsOriginAllowed(_ => true).AllowAnyMethod().AllowAnyHeader())));

        Assert.Equal(FailedOnly(Cases, 1), Outcomes(result));
        Assert.Contains("Access-Control-Allow-Origin: https://evil.example", result.Cases[1].Message);
    }

    [Fact]
    public void OrderThePipeline_OwnPolicyNamingBothOrigins_FailsThePartnerOnOrders()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(Pipeline(app => app.UseCors(policy => policy
            .WithOrigins(MiddlewareOrderExercises.FrontEndOrigin, MiddlewareOrderExercises.PartnerOrigin).WithMethods("PUT", "DELETE").WithHeaders("X-Api-Key"))));

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("the partner is allowed only on PUT /partner/orders", result.Cases[1].Message);
    }

    [Fact]
    public void OrderThePipeline_EmptyPipeline_FailsEveryCaseNamingThePrefixAndRouting()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(_ => { });

        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("Call app.UseMiddleware<GatewayPrefix>(), then app.UseRouting()", result.Cases[0].Message);
    }

    [Fact]
    public void OrderThePipeline_CorsAfterAuthorization_Fails401WithoutCorsHeadersAndThePartnerPreflight()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
            app.UseCors();
        });

        Assert.Equal(FailedOnly(Cases, 2, 3, 5, 7), Outcomes(result));
        Assert.Contains("CORS error", result.Cases[2].Message);
        Assert.Contains("authorization answered it before CORS could", result.Cases[3].Message);
        Assert.Contains("UseCors() before UseAuthentication()", result.Cases[7].Message);
    }

    [Fact]
    public void OrderThePipeline_AuthorizationBeforeAuthentication_FailsTheAuthenticatedCalls()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthorization();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[4].Outcome);
        Assert.Contains("authorization ran before authentication", result.Cases[4].Message);
        Assert.Contains("authorization ran before authentication", result.Cases[3].Message);
    }

    [Fact]
    public void OrderThePipeline_ExceptionHandlerAfterAThrowingMiddleware_FailsTheBoomCase()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
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

        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
    }

    [Fact]
    public void OrderThePipeline_ExceptionHandlerLast_FailsTheThrowingAuthenticationAndRouting()
    {
        // The endpoints run after every layer, so a late UseExceptionHandler() still catches GET /boom;
        // only the exceptions thrown by authentication and routing (registered before it) tell the orders apart.
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
            app.UseExceptionHandler();
        });

        Assert.Equal(FailedOnly(Cases, 7, 8), Outcomes(result));
        Assert.Contains("UseExceptionHandler() must be outside", result.Cases[7].Message);
    }

    [Fact]
    public void OrderThePipeline_AuthenticationLeftToWebApplication_FailsTheThrowingAuthentication()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[7].Outcome);
    }

    [Fact]
    public void OrderThePipeline_DeveloperExceptionPage_FailsBecauseItRevealsTheException()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseDeveloperExceptionPage();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[6].Outcome);
        Assert.Contains("gives the exception's message away", result.Cases[6].Message);
    }

    [Fact]
    public void OrderThePipeline_AuthenticationBeforeCors_FailsTheCrashWithoutCorsHeaders()
    {
        // The 401s come from authorization, after CORS, so they keep their headers; only the authentication handler's own
        // exception leaves before UseCors() ran.
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseRouting();
            app.UseAuthentication();
            app.UseCors();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
        });

        Assert.Equal(FailedOnly(Cases, 7), Outcomes(result));
        Assert.Contains("UseCors() before UseAuthentication()", result.Cases[7].Message);
    }

    [Fact]
    public void OrderThePipeline_RoutingAfterAuthorization_FailsNamingWhereUseRoutingGoes()
    {
        var result = MiddlewareOrderExercises.OrderThePipeline.Check(app =>
        {
            app.UseExceptionHandler();
            app.UseMiddleware<GatewayPrefix>();
            app.UseCors();
            app.UseAuthentication();
            app.UseMiddleware<UserQuota>();
            app.UseAuthorization();
            app.UseRouting();
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Contains("UseRouting() before UseCors(), UseAuthentication() and UseAuthorization()", result.Cases[2].Message);
        Assert.Contains("UseRouting() before", result.Cases[4].Message);
    }

    /// <summary>The reference order with <paramref name="cors"/> in UseCors()'s place.</summary>
    private static Action<WebApplication> Pipeline(Action<WebApplication> cors) => app =>
    {
        app.UseExceptionHandler();
        app.UseMiddleware<GatewayPrefix>();
        app.UseRouting();
        cors(app);
        app.UseAuthentication();
        app.UseMiddleware<UserQuota>();
        app.UseAuthorization();
    };

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
        AssertCorrect(MiddlewareOrderExercises.ServerTiming.Check(Reference));
    }

    [Fact]
    public void ServerTiming_WholeMilliseconds_Pass()
    {
        // 12.75 ms written as 13 is within half a millisecond: rounding is not the mistake the check looks for.
        AssertCorrect(MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetTimestamp(),
            start => time.GetElapsedTime((long)start).TotalMilliseconds, ms => FormattableString.Invariant($"app;dur={ms:0}"))));
    }

    [Fact]
    public void ServerTiming_WallClock_FailsWhenTheWallClockStepsBack()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetUtcNow(),
            start => (time.GetUtcNow() - (DateTimeOffset)start).TotalMilliseconds, Invariant));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("app;dur=-750", result.Cases[0].Message);
        Assert.Contains("you measured with the wall clock", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_Stopwatch_FailsBecauseTheFakeClockMoved()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => System.Diagnostics.Stopwatch.StartNew(),
            watch => ((System.Diagnostics.Stopwatch)watch).Elapsed.TotalMilliseconds, Invariant));

        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("not a Stopwatch or DateTime", result.Cases[0].Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ServerTiming_TimestampsReadWithAnotherFrequency_Fail(bool asTicks)
    {
        // The provider's timestamps are not TimeSpan ticks, nor in Stopwatch.Frequency: only its own frequency converts them.
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetTimestamp(),
            start => asTicks
                ? TimeSpan.FromTicks(time.GetTimestamp() - (long)start).TotalMilliseconds
                : (time.GetTimestamp() - (long)start) * 1000.0 / System.Diagnostics.Stopwatch.Frequency, Invariant));

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("off by a constant factor", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_CurrentCulture_FailsOnACommaCulture()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetTimestamp(),
            start => time.GetElapsedTime((long)start).TotalMilliseconds, ms => $"app;dur={ms}"));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("app;dur=12,75", result.Cases[1].Message);
        Assert.Contains("InvariantCulture", result.Cases[1].Message);
    }

    [Fact]
    public void ServerTiming_TotalSeconds_FailsNamingMilliseconds()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetTimestamp(),
            start => time.GetElapsedTime((long)start).TotalSeconds, ms => FormattableString.Invariant($"app;dur={ms:0.#####}")));

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("Server-Timing's dur is in milliseconds", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_HeaderSetInOnCompleted_FailsNamingOnStarting()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => async (context, next) =>
        {
            var start = time.GetTimestamp();
            context.Response.OnCompleted(() =>
            {
                context.Response.Headers["Server-Timing"] = Invariant(time.GetElapsedTime(start).TotalMilliseconds);
                return Task.CompletedTask;
            });
            await next(context);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("OnCompleted", result.Cases[0].Message);
        Assert.Contains("OnStarting", result.Cases[2].Message);
    }

    [Fact]
    public void ServerTiming_HeaderSetAfterNext_FailsWhereTheBodyWasWritten()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => async (context, next) =>
        {
            var start = time.GetTimestamp();
            await next(context);
            context.Response.Headers["Server-Timing"] = Invariant(time.GetElapsedTime(start).TotalMilliseconds);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("OnStarting", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
    }

    [Fact]
    public void ServerTiming_OnStartingRegisteredAfterNext_FailsSayingWhenToRegister()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => async (context, next) =>
        {
            var start = time.GetTimestamp();
            await next(context);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = Invariant(time.GetElapsedTime(start).TotalMilliseconds);
                return Task.CompletedTask;
            });
        });

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("Register context.Response.OnStarting(…) before you call next", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_HeaderOnlyWhenNotStarted_FailsNamingOnStarting()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => async (context, next) =>
        {
            var start = time.GetTimestamp();
            await next(context);
            if (!context.Response.HasStarted)
            {
                context.Response.Headers["Server-Timing"] = Invariant(time.GetElapsedTime(start).TotalMilliseconds);
            }
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("sent no Server-Timing header", result.Cases[0].Message);
        Assert.Contains("OnStarting", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_Constant_FailsTheMeasurements()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(_ => (context, next) =>
        {
            context.Response.Headers["Server-Timing"] = "app;dur=0";
            return next(context);
        });

        Assert.Equal([CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("on the check's fake clock", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_MeasuredBeforeNext_FailsNamingWhereToMeasure()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => (context, next) =>
        {
            var elapsed = time.GetElapsedTime(time.GetTimestamp());
            context.Response.OnStarting(() =>
            {
                context.Response.Headers["Server-Timing"] = Invariant(elapsed.TotalMilliseconds);
                return Task.CompletedTask;
            });
            return next(context);
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("measure after the endpoint ran", result.Cases[0].Message);
    }

    [Fact]
    public void ServerTiming_StartTakenWhenTheMiddlewareIsBuilt_FailsTheOverlap()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time =>
        {
            var start = time.GetTimestamp();
            return Timed(time, () => start, s => time.GetElapsedTime((long)s).TotalMilliseconds, Invariant);
        });

        Assert.Equal(FailedOnly(6, 5), Outcomes(result));
        Assert.Contains("app;dur=112.75", result.Cases[5].Message);
        Assert.Contains("taken at each request", result.Cases[5].Message);
    }

    [Fact]
    public void ServerTiming_StartSharedByEveryRequest_FailsTheOverlap()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time =>
        {
            long start = 0;
            return async (context, next) =>
            {
                start = time.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers["Server-Timing"] = Invariant(time.GetElapsedTime(start).TotalMilliseconds);
                    return Task.CompletedTask;
                });
                await next(context);
            };
        });

        Assert.Equal(FailedOnly(6, 5), Outcomes(result));
        Assert.Contains("GET /slow reported app;dur=162.75", result.Cases[5].Message);
        Assert.Contains("the overlapping request overwrote it", result.Cases[5].Message);
    }

    [Fact]
    public void ServerTiming_MillisecondsComponent_FailsNamingTotalMilliseconds()
    {
        var result = MiddlewareOrderExercises.ServerTiming.Check(time => Timed(time, () => time.GetTimestamp(),
            start => time.GetElapsedTime((long)start).Milliseconds, Invariant));

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("app;dur=12, but", result.Cases[1].Message);
        Assert.Contains("TotalMilliseconds", result.Cases[1].Message);
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

    // 07.3 — API key filter on a group (the check maps GET /admin/audit on the group the answer returns)

    [Fact]
    public void AdminApiKey_UntouchedStarter_IsNotAttempted()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void AdminApiKey_Reference_Passes()
    {
        AssertCorrect(MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app)));
    }

    [Fact]
    public void AdminApiKey_FilterFactoryOnTheGroup_Passes()
    {
        AssertCorrect(MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            var admin = MapAdmin(app, filter: false);
            admin.AddEndpointFilterFactory((_, next) => context =>
                context.HttpContext.Request.Headers["X-Api-Key"] == MiddlewareOrderExercises.ApiKey ? next(context) : ValueTask.FromResult<object?>(TypedResults.Unauthorized()));
            return admin;
        }));
    }

    [Fact]
    public void AdminApiKey_NoFilter_FailsThe401Cases()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, filter: false));

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed], Outcomes(result));
        Assert.Contains("should answer 401 Unauthorized, but answered 200", result.Cases[1].Message);
        Assert.Contains("nothing guards this endpoint", result.Cases[1].Message);
        Assert.Contains("nothing guards the group yet", result.Cases[2].Message);
        Assert.Contains("The same cause as", result.Cases[3].Message);
    }

    [Fact]
    public void AdminApiKey_CaseInsensitiveKey_Fails()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, ignoreCase: true));

        Assert.Equal(FailedOnly(8, 1), Outcomes(result));
        Assert.Contains("X-Api-Key: S3CRET", result.Cases[1].Message);
        Assert.Contains("must match exactly", result.Cases[1].Message);
    }

    [Fact]
    public void AdminApiKey_FilterOnEachEndpoint_FailsTheEndpointTheCheckAddsToTheGroup()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, perEndpoint: true));

        Assert.Equal(FailedOnly(8, 3), Outcomes(result));
        Assert.Contains("your filter guards only the endpoints you put it on", result.Cases[3].Message);
    }

    [Fact]
    public void AdminApiKey_ReturnsAnotherGroup_FailsTheEndpointTheCheckAddsToTheGroup()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            MapAdmin(app);
            return app.MapGroup("/admin");
        });

        Assert.Equal(FailedOnly(8, 3), Outcomes(result));
        Assert.Contains("and return that group", result.Cases[3].Message);
    }

    [Fact]
    public void AdminApiKey_ReturnsNull_FailsSayingWhatToReturn()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            MapAdmin(app);
            return null!;
        });

        Assert.All(result.Cases, c => Assert.Equal(CaseOutcome.Failed, c.Outcome));
        Assert.Contains("MapAdmin returned null", result.Cases[0].Message);
    }

    [Fact]
    public void AdminApiKey_TextBody_FailsTheJsonCase()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app => MapAdmin(app, textStats: true));

        Assert.Equal(FailedOnly(8, 0), Outcomes(result));
        Assert.Contains("application/json", result.Cases[0].Message);
        Assert.Contains("{\"orders\": 3}", result.Cases[0].Message);
    }

    [Fact]
    public void AdminApiKey_MiddlewareOnThePath_FailsTheUnmatchedRouteAndTheEndpointAlone()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments("/admin"), branch => branch.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.Request.Headers["X-Api-Key"] != MiddlewareOrderExercises.ApiKey)
                {
                    context.Response.StatusCode = 401;
                    return;
                }
                await next(context);
            }));
            return MapAdmin(app, filter: false);
        });

        Assert.Equal([CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed, CaseOutcome.Failed, CaseOutcome.Passed], Outcomes(result));
        Assert.Contains("a middleware checks the key for every /admin path", result.Cases[6].Message);
    }

    [Fact]
    public void AdminApiKey_MiddlewareThatLooksAtTheEndpoint_FailsTheEndpointAlone()
    {
        // It answers 404 for /admin/nowhere like a filter would: only running the endpoint without the pipeline tells them apart.
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.GetEndpoint() is not null && context.Request.Path.StartsWithSegments("/admin")
                    && context.Request.Headers["X-Api-Key"] != MiddlewareOrderExercises.ApiKey)
                {
                    context.Response.StatusCode = 401;
                    return;
                }
                await next(context);
            });
            return MapAdmin(app, filter: false);
        });

        Assert.Equal(FailedOnly(8, 4), Outcomes(result));
        Assert.Contains("not by a filter on them", result.Cases[4].Message);
    }

    [Fact]
    public void AdminApiKey_FilterThatRunsTheHandlerFirst_FailsBecauseTheHandlerRan()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            var admin = MapAdmin(app, filter: false);
            admin.AddEndpointFilter(async (context, next) =>
            {
                var answer = await next(context);
                return context.HttpContext.Request.Headers["X-Api-Key"] == MiddlewareOrderExercises.ApiKey ? answer : TypedResults.Unauthorized();
            });
            return admin;
        });

        Assert.Equal(FailedOnly(8, 3), Outcomes(result));
        Assert.Contains("without calling next", result.Cases[3].Message);
    }

    [Fact]
    public void AdminApiKey_MiddlewareOnEveryRequest_FailsThePublicStatus()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            app.Use(async (HttpContext context, RequestDelegate next) =>
            {
                if (context.Request.Headers["X-Api-Key"] != MiddlewareOrderExercises.ApiKey)
                {
                    context.Response.StatusCode = 401;
                    return;
                }
                await next(context);
            });
            return MapAdmin(app, filter: false);
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[5].Outcome);
        Assert.Contains("reached an endpoint outside /admin", result.Cases[5].Message);
    }

    [Theory]
    [InlineData("prefix")]
    [InlineData("denyList")]
    public void AdminApiKey_KeyThatIsNotComparedExactly_Fails(string mistake)
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            var admin = MapAdmin(app, filter: false);
            admin.AddEndpointFilter(async (context, next) =>
            {
                var key = context.HttpContext.Request.Headers["X-Api-Key"].ToString();
                var open = mistake == "prefix"
                    ? key.StartsWith(MiddlewareOrderExercises.ApiKey, StringComparison.Ordinal)
                    : !(key.Length == 0 || key == "nope" || (key != "s3cret" && key.Equals("s3cret", StringComparison.OrdinalIgnoreCase)));
                return open ? await next(context) : TypedResults.Unauthorized();
            });
            return admin;
        });

        Assert.Equal(FailedOnly(8, 1, 2), Outcomes(result));
        Assert.Contains(mistake == "prefix" ? "not StartsWith or Contains" : "refuse every other value", result.Cases[1].Message);
    }

    [Fact]
    public void AdminApiKey_KeyFromTheQueryStringToo_Fails()
    {
        var result = MiddlewareOrderExercises.AdminApiKey.Check(app =>
        {
            var admin = MapAdmin(app, filter: false);
            admin.AddEndpointFilter(async (context, next) =>
            {
                var request = context.HttpContext.Request;
                var key = request.Headers["X-Api-Key"].ToString();
                if (key.Length == 0)
                {
                    key = request.Query["key"].ToString();
                }
                return key == MiddlewareOrderExercises.ApiKey ? await next(context) : TypedResults.Unauthorized();
            });
            return admin;
        });

        Assert.Equal(FailedOnly(8, 7), Outcomes(result));
        Assert.Contains("never from the query", result.Cases[7].Message);
    }

    private static void AssertCorrect(CheckResult result) =>
        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join("\n", result.Cases.Select(c => c.Message)));

    private static CaseOutcome[] Outcomes(CheckResult result) => [.. result.Cases.Select(c => c.Outcome)];

    private static CaseOutcome[] FailedOnly(int count, params int[] failed) =>
        [.. Enumerable.Range(0, count).Select(i => failed.Contains(i) ? CaseOutcome.Failed : CaseOutcome.Passed)];

    private static Func<HttpContext, RequestDelegate, Task> Reference(TimeProvider time) =>
        Timed(time, () => time.GetTimestamp(), start => time.GetElapsedTime((long)start).TotalMilliseconds, Invariant);

    private static string Invariant(double milliseconds) => FormattableString.Invariant($"app;dur={milliseconds:0.###}");

    /// <summary>A Server-Timing middleware that sets its header in OnStarting: the start, the measurement and the format vary.</summary>
    private static Func<HttpContext, RequestDelegate, Task> Timed(TimeProvider time, Func<object> start, Func<object, double> milliseconds,
        Func<double, string> format) => async (context, next) =>
    {
        var started = start();
        context.Response.OnStarting(() =>
        {
            context.Response.Headers["Server-Timing"] = format(milliseconds(started));
            return Task.CompletedTask;
        });
        await next(context);
    };

    private static RouteGroupBuilder MapAdmin(WebApplication app, bool filter = true, bool ignoreCase = false, bool perEndpoint = false, bool textStats = false)
    {
        var admin = app.MapGroup("/admin");
        Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> guard = async (context, next) =>
            string.Equals(context.HttpContext.Request.Headers["X-Api-Key"], MiddlewareOrderExercises.ApiKey, ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)
                ? await next(context)
                : TypedResults.Unauthorized();
        if (filter && !perEndpoint)
        {
            admin.AddEndpointFilter(guard);
        }
        var stats = textStats ? admin.MapGet("/stats", () => "{\"orders\": 3}") : admin.MapGet("/stats", () => new { orders = 3 });
        var cache = admin.MapDelete("/cache", () => TypedResults.NoContent());
        if (perEndpoint)
        {
            stats.AddEndpointFilter(guard);
            cache.AddEndpointFilter(guard);
        }
        return admin;
    }
}
