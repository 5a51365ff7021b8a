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

    // 01.2 — behind a CDN and nginx

    private static void BothHops(Microsoft.AspNetCore.Builder.ForwardedHeadersOptions options)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
        options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
    }

    [Fact]
    public void TrustTheProxy_UntouchedStarter_IsNotAttempted()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(_ => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void TrustTheProxy_NothingConfigured_SaysNothingIsApplied()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(_ => { });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the endpoint saw 10.0.0.5", result.Cases[0].Message);
        Assert.Contains("applied nothing: ForwardedHeaders is None", result.Cases[0].Message);
        Assert.DoesNotContain("ForwardLimit", result.Cases[1].Message);
    }

    [Fact]
    public void TrustTheProxy_TheSectionsCellCopied_SaysWhichHopIsNotTrusted()
    {
        // The section's demo: one proxy at 10.0.0.2, ForwardLimit left at 1.
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.2"));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("did not believe nginx (10.0.0.5), the hop that connects to the app", result.Cases[0].Message);
        Assert.Contains("10.0.0.2", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_ForwardLimitLeftAtOne_NamesForwardLimit()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(BothHops);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the endpoint saw 203.0.113.45", result.Cases[0].Message);
        Assert.Contains("ForwardLimit is 1 (the default)", result.Cases[0].Message);
        Assert.Contains("ForwardLimit = 2.", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
    }

    [Fact]
    public void TrustTheProxy_ForwardLimitOneAndNoCdnRange_NamesBoth()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
        });

        Assert.Contains("ForwardLimit is 1", result.Cases[0].Message);
        Assert.Contains("trust the CDN's edges (203.0.113.0/24 in KnownIPNetworks)", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_NginxButNotTheCdn_SaysTheEdgeIsNotTrusted()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("stopped at the CDN edge 203.0.113.45", result.Cases[0].Message);
        Assert.Contains("trust the whole range", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_OneEdgeInsteadOfTheRange_FailsOnTheOtherEdge()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
            options.KnownProxies.Add(IPAddress.Parse("203.0.113.45"));
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("stopped at the CDN edge 203.0.113.200", result.Cases[0].Message);
        Assert.Contains("trust the whole range", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_OnlyForwardedFor_FailsOnTheScheme()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            BothHops(options);
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor;
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Is ForwardedHeaders.XForwardedProto enabled?", result.Cases[0].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingEveryone_IsNamedAsTrustingAnyone()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("the endpoint saw 1.2.3.4 over https", result.Cases[2].Message);
        Assert.Contains("the middleware trusts anyone", result.Cases[2].Message);
        Assert.Contains("over-broad", result.Cases[2].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingEveryoneWithoutForwardLimit_BelievesTheForgedEntry()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.ForwardLimit = null;
        });

        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("The endpoint saw 6.6.6.6, an entry the client wrote", result.Cases[1].Message);
        Assert.Contains("which trusts anyone", result.Cases[1].Message);
    }

    [Fact]
    public void TrustTheProxy_TrustingNginxsWholeNetwork_FailsOnItsNeighbour()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.0/24"));
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("the middleware trusts 10.0.0.6 as a proxy", result.Cases[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustTheProxy_ARangeWiderThanTheCdns_FailsOnTheCallerThatBypassesIt()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.0.0/16"));
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("saw 1.2.3.4: the middleware trusts 203.0.114.7 as a proxy", result.Cases[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TrustTheProxy_AllHeaders_FailsOnTheForwardedHost()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            BothHops(options);
            options.ForwardedHeaders = ForwardedHeaders.All;
            options.ForwardLimit = 2;
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
            BothHops(options);
            options.ForwardedHeaders |= ForwardedHeaders.XForwardedPrefix;
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("PathBase /evil", result.Cases[3].Message);
    }

    [Fact]
    public void TrustTheProxy_ReferenceLikeAnswer_IsCorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            BothHops(options);
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void TrustTheProxy_NoForwardLimitWithBothHopsTrusted_IsCorrect()
    {
        // Documented as safe when the lists are set: the middleware stops at the first address it does not trust (the client's).
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            BothHops(options);
            options.ForwardLimit = null;
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void TrustTheProxy_NginxAsA32Network_IsCorrect()
    {
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("10.0.0.5/32"));
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("203.0.113.0/24"));
            options.ForwardLimit = 2;
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void TrustTheProxy_ObsoleteKnownNetworks_IsIncorrectAndNamesTheReplacement()
    {
#pragma warning disable ASPDEPR005 // the learner's mistake, on purpose
        var result = ServersAndFrameworksExercises.TrustTheProxy.Check(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Add(IPAddress.Parse("10.0.0.5"));
            options.KnownNetworks.Add(new Microsoft.AspNetCore.HttpOverrides.IPNetwork(IPAddress.Parse("203.0.113.0"), 24));
            options.ForwardLimit = 2;
        });
#pragma warning restore ASPDEPR005

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("use KnownIPNetworks", result.Cases[^1].Message, StringComparison.Ordinal);
        Assert.All(result.Cases.SkipLast(1), c => Assert.Equal(CaseOutcome.Passed, c.Outcome));
    }

    // The notebook's exercises

    [Fact]
    public void All_ListsTheNotebooksExercisesInOrder()
    {
        Assert.Equal(["01.1", "01.2", "01.3"], ServersAndFrameworksExercises.All.Select(e => e.Id));
        Assert.Equal(["01.1", "01.2", "01.3"], ExerciseCatalog.ForNotebook("01").Select(e => e.Id));
    }

    [Fact]
    public void Solutions_DeclareWhatTheCheckCellsPass()
    {
        Assert.Contains("RequestDelegate PingApp =", ServersAndFrameworksExercises.RawApp.SolutionSource);
        Assert.Contains("void ConfigureForwardedHeaders(ForwardedHeadersOptions options)", ServersAndFrameworksExercises.TrustTheProxy.SolutionSource);
        Assert.Contains("class PageViews : IPageViews", ServersAndFrameworksExercises.SharedCounter.SolutionSource);
    }

    // 01.3 — a singleton that loses no views. Each answer is a class of its own: the check reads its Record's IL.

    [Fact]
    public void SharedCounter_UntouchedStarter_IsNotAttempted()
    {
        var result = ServersAndFrameworksExercises.SharedCounter.Check(() => new StarterViews());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Theory]
    [InlineData(typeof(AddOrUpdateViews))]
    [InlineData(typeof(InterlockedBoxViews))]
    [InlineData(typeof(LockFieldViews))]
    [InlineData(typeof(MonitorFieldViews))]
    [InlineData(typeof(LockThisViews))]
    [InlineData(typeof(TryUpdateLoopViews))]
    [InlineData(typeof(CompareExchangeLoopViews))]
    [InlineData(typeof(SynchronizedViews))]
    [InlineData(typeof(TryAddOrTryUpdateLoopViews))]
    [InlineData(typeof(CopyOnWriteUnderALockViews))]
    [InlineData(typeof(CopyOnWriteCompareExchangeViews))]
    [InlineData(typeof(ImmutableCopyOnWriteViews))]
    [InlineData(typeof(ReaderWriterLockViews))]
    [InlineData(typeof(UpgradeableThenWriteLockViews))]
    [InlineData(typeof(PerPathLockOverConcurrentViews))]
    public void SharedCounter_ThreadSafeAnswer_IsCorrect(Type answer)
    {
        var result = ServersAndFrameworksExercises.SharedCounter.Check(() => (IPageViews)Activator.CreateInstance(answer)!);

        Assert.True(result.Outcome == CheckOutcome.Correct, result.ToString());
    }

    [Theory]
    [InlineData(typeof(FieldIncrementViews), "three steps, read, add, write")]
    [InlineData(typeof(VolatileIncrementViews), "volatile makes each read")]
    [InlineData(typeof(PropertyIncrementViews), "reads the property Views and sets it back")]
    [InlineData(typeof(DictionaryViews), "Dictionary<TKey, TValue> is not thread-safe")]
    [InlineData(typeof(LockNewObjectViews), "locks a new object on every call")]
    [InlineData(typeof(LockFreshFieldViews), "puts a new object in _gate before it locks it")]
    [InlineData(typeof(LockPathViews), "every request brings its own string")]
    [InlineData(typeof(ConcurrentIndexerViews), "each call is thread-safe, the pair is not")]
    [InlineData(typeof(GetOrAddThenSetViews), "each call is thread-safe, the pair is not")]
    [InlineData(typeof(TryUpdateOnceViews), "TryUpdate once")]
    [InlineData(typeof(ExchangeViews), "Interlocked.Exchange")]
    [InlineData(typeof(HelperIncrementViews), "three steps, read, add, write")]
    [InlineData(typeof(ReadBeforeTheLockViews), "reads the dictionary's count (GetValueOrDefault) before it takes the lock")]
    [InlineData(typeof(FieldReadBeforeTheLockViews), "reads the field Views before it takes the lock")]
    [InlineData(typeof(UnlockedCountViews), "Count reads a Dictionary<TKey, TValue> (GetValueOrDefault) outside the lock that Record changes it under")]
    [InlineData(typeof(UnlockedTryGetValueCountViews), "Count reads a Dictionary<TKey, TValue> (TryGetValue) outside the lock")]
    [InlineData(typeof(SwappedButChangedInPlaceViews), "Count reads a Dictionary<TKey, TValue> (GetValueOrDefault) outside the lock")]
    [InlineData(typeof(ReadLockInRecordViews), "Record changes the count under a read lock (EnterReadLock)")]
    [InlineData(typeof(UpgradeableOnlyViews), "under the upgradeable read lock only")]
    [InlineData(typeof(LockInternedPathViews), "a lock per path still lets two different paths change the Dictionary at once")]
    [InlineData(typeof(PerPathLockOverDictionaryViews), "a lock per path still lets two different paths change the Dictionary at once")]
    [InlineData(typeof(MarshalIncrementViews), "the insert of a new path is not synchronised")]
    public void SharedCounter_RaceInRecord_FailsTheIlCaseEveryTime_NamingTheMistake(Type answer, string phrase)
    {
        // Run a few times: the IL case must refuse it every time, not when the threads happen to interleave.
        for (var run = 0; run < 3; run++)
        {
            var result = ServersAndFrameworksExercises.SharedCounter.Check(() => (IPageViews)Activator.CreateInstance(answer)!);

            Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
            Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
            Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
            Assert.Contains(phrase, result.Cases[1].Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SharedCounter_OneCountForEveryPath_FailsTheFirstCase()
    {
        var result = ServersAndFrameworksExercises.SharedCounter.Check(() => new OneCountViews());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("each path has its own count", result.Cases[0].Message, StringComparison.Ordinal);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
    }

    [Fact]
    public void SharedCounter_LostViewsTheIlCannotSee_FailTheThreadCase()
    {
        // A race the IL reading does not know (a read in one helper, the write in another), made certain by a pause.
        var result = ServersAndFrameworksExercises.SharedCounter.Check(() => new SplitHelpersViews());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("views were lost", result.Cases[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedCounter_KnownWrongAnswers_CoverTheBrief()
    {
        var names = ServersAndFrameworksExercises.SharedCounter.KnownWrongAnswers.Select(w => w.Name).ToList();

        Assert.Superset(new HashSet<string> { "plain-increment", "dictionary-trygetvalue", "volatile-increment", "lock-new-object",
            "concurrent-read-then-write", "getoradd-then-set" }, names.ToHashSet());
    }

    private sealed class TryAddOrTryUpdateLoopViews : IPageViews
    {
        // TryAdd is an atomic insert-if-absent: retried in a loop beside TryUpdate, it loses nothing.
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path)
        {
            while (true)
            {
                if (_views.TryGetValue(path, out var count))
                {
                    if (_views.TryUpdate(path, count + 1, count))
                    {
                        return;
                    }
                }
                else if (_views.TryAdd(path, 1))
                {
                    return;
                }
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    // Copy-on-write: each Record builds a new Dictionary and swaps the field; a published one is never changed, so Count needs no lock.
    private sealed class CopyOnWriteUnderALockViews : IPageViews
    {
        private readonly Lock _gate = new();
        private Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (_gate)
            {
                var copy = new Dictionary<string, int>(_views);
                copy[path] = copy.GetValueOrDefault(path) + 1;
                _views = copy;
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class CopyOnWriteCompareExchangeViews : IPageViews
    {
        private Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            while (true)
            {
                var current = Volatile.Read(ref _views);
                var next = new Dictionary<string, int>(current);
                next[path] = next.GetValueOrDefault(path) + 1;
                if (Interlocked.CompareExchange(ref _views, next, current) == current)
                {
                    return;
                }
            }
        }
        public int Count(string path) => Volatile.Read(ref _views).TryGetValue(path, out var count) ? count : 0;
    }

    private sealed class ImmutableCopyOnWriteViews : IPageViews
    {
        private System.Collections.Immutable.ImmutableDictionary<string, int> _views = System.Collections.Immutable.ImmutableDictionary<string, int>.Empty;
        public void Record(string path) => System.Collections.Immutable.ImmutableInterlocked.AddOrUpdate(ref _views, path, 1, (_, count) => count + 1);
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    // The field is swapped (Reset), but Record also changes the published Dictionary in place: Count's unlocked read still races.
    private sealed class SwappedButChangedInPlaceViews : IPageViews
    {
        private readonly Lock _gate = new();
        private Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (_gate)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public void Reset()
        {
            lock (_gate)
            {
                _views = [];
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class UnlockedCountViews : IPageViews
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (_gate)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class UnlockedTryGetValueCountViews : IPageViews
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (_gate)
            {
                _views.TryGetValue(path, out var count);
                _views[path] = count + 1;
            }
        }
        public int Count(string path) => _views.TryGetValue(path, out var count) ? count : 0;
    }

    private sealed class StarterViews : IPageViews
    {
        public void Record(string path) => throw new NotImplementedException();
        public int Count(string path) => throw new NotImplementedException();
    }

    private sealed class AddOrUpdateViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path) => _views.AddOrUpdate(path, 1, (_, count) => count + 1);
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class InterlockedBoxViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Runtime.CompilerServices.StrongBox<int>> _views = new();
        public void Record(string path) => Interlocked.Increment(ref _views.GetOrAdd(path, _ => new()).Value);
        public int Count(string path) => _views.TryGetValue(path, out var box) ? Volatile.Read(ref box.Value) : 0;
    }

    // A reader-writer lock: Record under the write lock, Count under the read lock.
    private sealed class ReaderWriterLockViews : IPageViews
    {
        private readonly ReaderWriterLockSlim _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _gate.EnterWriteLock();
            try
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
            finally
            {
                _gate.ExitWriteLock();
            }
        }
        public int Count(string path)
        {
            _gate.EnterReadLock();
            try
            {
                return _views.GetValueOrDefault(path);
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    // Reads in upgradeable mode (one writer at a time), changes under the write lock.
    private sealed class UpgradeableThenWriteLockViews : IPageViews
    {
        private readonly ReaderWriterLockSlim _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _gate.EnterUpgradeableReadLock();
            try
            {
                var count = _views.GetValueOrDefault(path);
                _gate.EnterWriteLock();
                try
                {
                    _views[path] = count + 1;
                }
                finally
                {
                    _gate.ExitWriteLock();
                }
            }
            finally
            {
                _gate.ExitUpgradeableReadLock();
            }
        }
        public int Count(string path)
        {
            if (!_gate.TryEnterReadLock(TimeSpan.FromSeconds(30)))
            {
                return -1;
            }
            try
            {
                return _views.GetValueOrDefault(path);
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    private sealed class ReadLockInRecordViews : IPageViews
    {
        private readonly ReaderWriterLockSlim _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _gate.EnterReadLock();
            try
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
        public int Count(string path)
        {
            _gate.EnterReadLock();
            try
            {
                return _views.GetValueOrDefault(path);
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    private sealed class UpgradeableOnlyViews : IPageViews
    {
        private readonly ReaderWriterLockSlim _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _gate.EnterUpgradeableReadLock();
            try
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
            finally
            {
                _gate.ExitUpgradeableReadLock();
            }
        }
        public int Count(string path)
        {
            _gate.EnterReadLock();
            try
            {
                return _views.GetValueOrDefault(path);
            }
            finally
            {
                _gate.ExitReadLock();
            }
        }
    }

    private sealed class LockFieldViews : IPageViews
    {
        private readonly Lock _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (_gate)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public int Count(string path)
        {
            lock (_gate)
            {
                return _views.GetValueOrDefault(path);
            }
        }
    }

    private sealed class MonitorFieldViews : IPageViews
    {
        private static readonly object s_gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (s_gate)
            {
                _views.TryGetValue(path, out var count);
                _views[path] = count + 1;
            }
        }
        public int Count(string path)
        {
            lock (s_gate)
            {
                return _views.GetValueOrDefault(path);
            }
        }
    }

    private sealed class LockInternedPathViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = new();
        public void Record(string path) { lock (string.Intern(path)) { _views[path] = _views.GetValueOrDefault(path) + 1; } }
        public int Count(string path) { lock (string.Intern(path)) { return _views.GetValueOrDefault(path); } }
    }

    private sealed class PerPathLockOverDictionaryViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _locks = new();
        private readonly Dictionary<string, int> _views = new();
        public void Record(string path) { lock (_locks.GetOrAdd(path, _ => new object())) { _views[path] = _views.GetValueOrDefault(path) + 1; } }
        public int Count(string path) { lock (_locks.GetOrAdd(path, _ => new object())) { return _views.GetValueOrDefault(path); } }
    }

    // A lock per path around a thread-safe dictionary: the read and the write of one path are one step, and the
    // dictionary takes inserts of different paths at once. Unusual, but correct.
    private sealed class PerPathLockOverConcurrentViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, object> _locks = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path) { lock (_locks.GetOrAdd(path, _ => new object())) { _views[path] = _views.GetValueOrDefault(path) + 1; } }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class MarshalIncrementViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = new();
        public void Record(string path) =>
            Interlocked.Increment(ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_views, path, out _));
        public int Count(string path) { lock (_views) { return _views.GetValueOrDefault(path); } }
    }

    private sealed class LockThisViews : IPageViews
    {
        private int _a, _b, _c, _root;
        private readonly Dictionary<string, int> _others = new(); // every other path
        public void Record(string path)
        {
            lock (this)
            {
                Bump(path);
            }
        }
        private void Bump(string path)
        {
            switch (path)
            {
                case "/a": _a++; break;
                case "/b": _b++; break;
                case "/c": _c++; break;
                case "/": _root++; break;
                default: _others[path] = _others.GetValueOrDefault(path) + 1; break;
            }
        }
        public int Count(string path)
        {
            lock (this)
            {
                return path switch { "/a" => _a, "/b" => _b, "/c" => _c, "/" => _root, _ => _others.GetValueOrDefault(path) };
            }
        }
    }

    private sealed class TryUpdateLoopViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path)
        {
            while (true)
            {
                var count = _views.GetOrAdd(path, 0);
                if (_views.TryUpdate(path, count + 1, count))
                {
                    return;
                }
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class CompareExchangeLoopViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, System.Runtime.CompilerServices.StrongBox<int>> _views = new();
        public void Record(string path)
        {
            var box = _views.GetOrAdd(path, _ => new());
            int seen;
            do
            {
                seen = Volatile.Read(ref box.Value);
            }
            while (Interlocked.CompareExchange(ref box.Value, seen + 1, seen) != seen);
        }
        public int Count(string path) => _views.TryGetValue(path, out var box) ? Volatile.Read(ref box.Value) : 0;
    }

    private sealed class SynchronizedViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = [];
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.Synchronized)]
        public void Record(string path) => _views[path] = _views.GetValueOrDefault(path) + 1;
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.Synchronized)]
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class Counter
    {
        public int Views;
        public volatile int VolatileViews;
    }

    private sealed class FieldIncrementViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        public void Record(string path) => _views.GetOrAdd(path, _ => new Counter()).Views++;
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
    }

    private sealed class VolatileIncrementViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        public void Record(string path) => _views.GetOrAdd(path, _ => new Counter()).VolatileViews++;
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.VolatileViews : 0;
    }

    private sealed class PathCounter
    {
        public int Views { get; set; }
    }

    private sealed class PropertyIncrementViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, PathCounter> _views = new();
        public void Record(string path) => _views.GetOrAdd(path, _ => new PathCounter()).Views++;
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
    }

    private sealed class DictionaryViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _views.TryGetValue(path, out var count);
            _views[path] = count + 1;
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class LockNewObjectViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            var gate = new object();
            lock (gate)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class LockFreshFieldViews : IPageViews
    {
        private object _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            _gate = new object();
            lock (_gate)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class LockPathViews : IPageViews
    {
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            lock (path)
            {
                _views[path] = _views.GetValueOrDefault(path) + 1;
            }
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class ConcurrentIndexerViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path)
        {
            _views.TryAdd(path, 0);
            _views[path]++;
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class GetOrAddThenSetViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path)
        {
            var count = _views.GetOrAdd(path, 0);
            _views[path] = count + 1;
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class TryUpdateOnceViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _views = new();
        public void Record(string path)
        {
            var count = _views.GetOrAdd(path, 0);
            _views.TryUpdate(path, count + 1, count);
        }
        public int Count(string path) => _views.GetValueOrDefault(path);
    }

    private sealed class ExchangeViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        public void Record(string path)
        {
            var counter = _views.GetOrAdd(path, _ => new Counter());
            Interlocked.Exchange(ref counter.Views, counter.Views + 1);
        }
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
    }

    private sealed class HelperIncrementViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        public void Record(string path) => Bump(_views.GetOrAdd(path, _ => new Counter()));
        private static void Bump(Counter counter) => counter.Views += 1;
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
    }

    private sealed class ReadBeforeTheLockViews : IPageViews
    {
        private readonly object _gate = new();
        private readonly Dictionary<string, int> _views = [];
        public void Record(string path)
        {
            var count = _views.GetValueOrDefault(path);
            lock (_gate)
            {
                _views[path] = count + 1;
            }
        }
        public int Count(string path)
        {
            lock (_gate)
            {
                return _views.GetValueOrDefault(path);
            }
        }
    }

    private sealed class FieldReadBeforeTheLockViews : IPageViews
    {
        private readonly Lock _gate = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        public void Record(string path)
        {
            var counter = _views.GetOrAdd(path, _ => new Counter());
            var seen = counter.Views;
            lock (_gate)
            {
                counter.Views = seen + 1;
            }
        }
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? counter.Views : 0;
    }

    private sealed class OneCountViews : IPageViews
    {
        private int _views;
        public void Record(string path) => Interlocked.Increment(ref _views);
        public int Count(string path) => Volatile.Read(ref _views);
    }

    private sealed class SplitHelpersViews : IPageViews
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Counter> _views = new();
        private readonly Barrier _together = new(ServersAndFrameworksExercises.RecordingThreads);
        private int _rounds;
        public void Record(string path)
        {
            var counter = _views.GetOrAdd(path, _ => new Counter());
            var seen = Read(counter);
            if (Thread.CurrentThread.Name?.StartsWith("course-01.3-request-", StringComparison.Ordinal) == true
                && Interlocked.Increment(ref _rounds) <= ServersAndFrameworksExercises.RecordingThreads)
            {
                _together.SignalAndWait(TimeSpan.FromSeconds(5)); // every thread's first view reads before any writes
            }
            Write(counter, seen + 1);
        }
        private static int Read(Counter counter) => Volatile.Read(ref counter.Views);
        private static void Write(Counter counter, int value) => Volatile.Write(ref counter.Views, value);
        public int Count(string path) => _views.TryGetValue(path, out var counter) ? Volatile.Read(ref counter.Views) : 0;
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
