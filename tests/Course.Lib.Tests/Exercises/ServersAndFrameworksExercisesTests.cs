using System.Net;
using Course.Exercises;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;

namespace Course.Lib.Tests.Exercises;

public class ServersAndFrameworksExercisesTests
{
    // 01.1 — a raw app

    [Fact]
    public void RawApp_UntouchedStarter_IsNotAttempted()
    {
        // The starter: an async lambda whose body only throws.
        RequestDelegate starter = async context =>
        {
            await Task.CompletedTask;
            throw new NotImplementedException();
        };

        var result = ServersAndFrameworksExercises.RawApp.Check(starter);

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void RawApp_PongForEveryRequest_IsIncorrectAndSays404Expected()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("pong");
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("should answer 404 Not Found, but answered 200 OK", result.Cases[1].Message);
        Assert.Contains("should answer 405 Method Not Allowed", result.Cases[2].Message);
    }

    [Fact]
    public void RawApp_EmptyApp_IsIncorrect()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(_ => Task.CompletedTask);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal("Expected the body of GET /ping to be \"pong\", but it was \"\".", result.Cases[0].Message);
    }

    [Fact]
    public void RawApp_NoContentType_FailsTheFirstCaseWithAHint()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(Reference(contentType: null));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("no Content-Type header", result.Cases[0].Message);
    }

    [Fact]
    public void RawApp_405WithoutAllow_FailsTheMethodCase()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(Reference(allow: null));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("should send the header Allow: GET, but sent no Allow header", result.Cases[2].Message);
    }

    [Fact]
    public void RawApp_MethodCheckedBeforePath_FailsTheUnknownPathCase()
    {
        var reference = Reference();
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = 405;
                context.Response.Headers.Allow = "GET";
                return;
            }
            await reference(context);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
        Assert.Contains("POST /nowhere should answer 404", result.Cases[3].Message);
    }

    [Fact]
    public void RawApp_AppThatThrows_IsIncorrectWithTheExceptionNamed()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(_ => throw new InvalidOperationException("boom"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal("Your code threw InvalidOperationException: boom (The same cause fails 4 more cases below.)", result.Cases[0].Message);
        Assert.All(result.Cases.Skip(1), c => Assert.StartsWith("The same cause as “", c.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void RawApp_ReferenceLikeAnswer_IsCorrect()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(Reference());

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void RawApp_405ThatFallsThroughToPong_FailsTheMethodCase()
    {
        // 405 and Allow set, but no return: the GET branch still writes "pong".
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (context.Request.Path != "/ping")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET";
            }
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("pong");
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("still sent the body \"pong\"", result.Cases[2].Message);
        Assert.Contains("Return once the 405 is set", result.Cases[2].Message);
    }

    [Fact]
    public void RawApp_QueryStringComparedAsPartOfThePath_FailsTheQueryCase()
    {
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (context.Request.Path + context.Request.QueryString != "/ping")
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                context.Response.Headers.Allow = "GET";
                return;
            }
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("pong");
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("not part of the path", result.Cases[4].Message);
    }

    [Fact]
    public void RawApp_405OnlyForPostAndDelete_FailsOnPut()
    {
        // A review's fooling answer: the methods it thought of get 405, PUT /ping still gets "pong".
        var reference = Reference();
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (context.Request.Path == "/ping" && context.Request.Method is "POST" or "DELETE")
            {
                context.Response.StatusCode = 405;
                context.Response.Headers.Allow = "GET";
                return;
            }
            if (context.Request.Path == "/ping")
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("pong");
                return;
            }
            await reference(context);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PUT /ping should answer 405 Method Not Allowed, but answered 200 OK (body: \"pong\")", result.Cases[2].Message);
        Assert.Contains("HttpMethods.IsGet", result.Cases[2].Message);
    }

    [Fact]
    public void RawApp_PathMatchedByItsEnd_FailsOnXping()
    {
        // A review's fooling answer: EndsWith("ping") serves /xping and /api/ping.
        var reference = Reference();
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (context.Request.Path.Value!.EndsWith("ping", StringComparison.Ordinal))
            {
                context.Request.Path = "/ping";
            }
            await reference(context);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("GET /xping should answer 404 Not Found, but answered 200 OK", result.Cases[1].Message);
        Assert.Contains("PUT /xping", result.Cases[3].Message);
    }

    [Fact]
    public void RawApp_PathMatchedByItsStart_FailsOnPingpong()
    {
        var reference = Reference();
        var result = ServersAndFrameworksExercises.RawApp.Check(async context =>
        {
            if (context.Request.Path.Value!.StartsWith("/ping", StringComparison.Ordinal))
            {
                context.Request.Path = "/ping";
            }
            await reference(context);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("only the exact path /ping", result.Cases[1].Message);
    }

    // 01.2 — trust the proxy

    [Fact]
    public void TrustTheProxy_UntouchedStarter_IsNotAttempted()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void TrustTheProxy_NothingConfigured_IsIncorrectBecauseNothingIsApplied()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the endpoint saw 10.0.0.2", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_HeadersOnButProxyUnknown_IsIncorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("is 10.0.0.2 a known proxy?", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_OnlyForwardedFor_FailsOnTheScheme()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Is ForwardedHeaders.XForwardedProto enabled?", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingEveryone_FailsTheStrangerCase()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("the endpoint saw 1.2.3.4 over https", result.Cases[1].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingEveryoneWithoutForwardLimit_AlsoFailsTheChainCase()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Contains("the endpoint saw 6.6.6.6", result.Cases[2].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingTheProxysWholeNetwork_IsIncorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/24"));
        });

        // 10.0.0.3 is in that network but is not the proxy: it can forge X-Forwarded-For.
        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("10.0.0.3", result.Cases[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustTheProxy_AllHeaders_FailsOnTheForwardedHost()
    {
        // A review's over-broad answer: ForwardedHeaders.All also applies X-Forwarded-Host and X-Forwarded-Prefix.
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.All;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("Host evil.example", result.Cases[3].Message);
        Assert.Contains("not ForwardedHeaders.All", result.Cases[3].Message);
    }

    [Fact]
    public void TrustTheProxy_ForwardedForProtoAndPrefix_FailsOnThePrefix()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedPrefix;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PathBase /evil", result.Cases[3].Message);
    }

    [Fact]
    public void TrustTheProxy_NothingApplied_TheChainCaseNamesTheSameCause()
    {
        // A review's misdiagnosis: the chain case blamed ForwardLimit when nothing was applied at all.
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(_ => { });

        Assert.Contains("applied nothing from X-Forwarded-For", result.Cases[2].Message);
        Assert.DoesNotContain("ForwardLimit", result.Cases[2].Message);
    }

    [Fact]
    public void TrustTheProxy_ReferenceLikeAnswer_IsCorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    // The notebook's exercises

    [Fact]
    public void All_ListsTheNotebooksExercisesInOrder()
    {
        Assert.Equal(["01.1", "01.2"], ServersAndFrameworksExercises.All.Select(e => e.Id));
        Assert.Equal(["01.1", "01.2"], ExerciseCatalog.ForNotebook("01").Select(e => e.Id));
    }

    [Fact]
    public void TrustTheProxy_ObsoleteKnownNetworks_IsIncorrectAndNamesTheReplacement()
    {
#pragma warning disable ASPDEPR005 // the learner's mistake, on purpose
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("10.0.0.2"), 32));
        });
#pragma warning restore ASPDEPR005

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("use KnownIPNetworks", result.Cases[^1].Message, StringComparison.Ordinal);
        Assert.All(result.Cases.SkipLast(1), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
    }

    [Fact]
    public void TrustTheProxy_KnownIPNetworksWithTheProxyAlone_IsCorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.2/32"));
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void Solutions_DeclareWhatTheCheckCellsPass()
    {
        Assert.Contains("RequestDelegate PingApp =", ServersAndFrameworksExercises.RawApp.SolutionSource);
        Assert.Contains("void ConfigureForwardedHeaders(ForwardedHeadersOptions options)", ServersAndFrameworksExercises.TrustTheProxy.SolutionSource);
    }

    /// <summary>The reference answer of 01.1, with one part optionally left out.</summary>
    private static RequestDelegate Reference(string? contentType = "text/plain", string? allow = "GET") => async context =>
    {
        if (context.Request.Path != "/ping")
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            if (allow is not null)
            {
                context.Response.Headers.Allow = allow;
            }
            return;
        }
        if (contentType is not null)
        {
            context.Response.ContentType = contentType;
        }
        await context.Response.WriteAsync("pong");
    };
}
