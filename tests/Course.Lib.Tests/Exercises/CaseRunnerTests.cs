using System.Reflection;
using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class CaseRunnerTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(10);

    [Fact]
    public void Run_CaseThatCompletes_Passes()
    {
        var result = CaseRunner.Run("adds", _ => Task.CompletedTask, s_limit);

        Assert.Equal(new CaseResult("adds", CaseOutcome.Passed, ""), result);
    }

    [Fact]
    public void Run_NotImplementedException_IsNotAttempted()
    {
        var result = CaseRunner.Run("adds", _ => throw new NotImplementedException(), s_limit);

        Assert.Equal(CaseOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Run_NotImplementedExceptionInsideWrappers_IsNotAttempted()
    {
        var result = CaseRunner.Run("adds", _ =>
            throw new TargetInvocationException(new AggregateException(new NotImplementedException())), s_limit);

        Assert.Equal(CaseOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void Run_CheckFailedException_FailsWithItsMessage()
    {
        var result = CaseRunner.Run("adds", _ => throw new CheckFailedException("Expected 3, but it was 4."), s_limit);

        Assert.Equal(new CaseResult("adds", CaseOutcome.Failed, "Expected 3, but it was 4."), result);
    }

    [Fact]
    public void Run_AnyOtherException_FailsWithTypeAndMessageButNoStackTrace()
    {
        var result = CaseRunner.Run("divides", _ => Task.FromResult(Divide(1, 0)), s_limit);

        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Equal("Your code threw DivideByZeroException: Attempted to divide by zero.", result.Message);
        Assert.DoesNotContain(" at ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ExceptionAfterAnAwait_IsReportedByItsOwnType()
    {
        var result = CaseRunner.Run("async", async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("late failure");
        }, s_limit);

        Assert.Equal("Your code threw InvalidOperationException: late failure", result.Message);
    }

    [Fact]
    public void Run_CodeThatCancelsItself_FailsInsteadOfPassing()
    {
        var result = CaseRunner.Run("cancels", _ => throw new OperationCanceledException("gave up"), s_limit);

        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.Equal("Your code threw OperationCanceledException: gave up", result.Message);
    }

    [Fact]
    public void Run_AsyncCodeThatIsCancelled_FailsInsteadOfPassing()
    {
        var result = CaseRunner.Run("cancels", async _ =>
        {
            using var source = new CancellationTokenSource();
            await source.CancelAsync();
            await Task.Delay(Timeout.Infinite, source.Token);
        }, s_limit);

        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.StartsWith("Your code threw TaskCanceledException: ", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CaseThatNeverFinishes_FailsWithTheTimeLimitAndReturns()
    {
        using var release = new ManualResetEventSlim();
        try
        {
            // Blocks without looking at the token, like an endless loop in an answer.
            var run = Task.Run(() => CaseRunner.Run("hangs", _ =>
            {
                release.Wait();
                return Task.CompletedTask;
            }, TimeSpan.FromMilliseconds(200), NeverBusy, out _));

            var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(CaseOutcome.Failed, result.Outcome);
            Assert.Equal("Did not finish within 0.2 s: an endless loop, or waiting for something that never happens?", result.Message);
        }
        finally
        {
            release.Set();
        }
    }

    [Fact]
    public void Run_CaseThatObservesTheToken_IsCancelledAtTheTimeLimit()
    {
        var result = CaseRunner.Run("waits", token => Task.Delay(Timeout.Infinite, token), TimeSpan.FromMilliseconds(200), NeverBusy, out _);

        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.StartsWith("Did not finish within 0.2 s", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SlowCaseOnABusyMachine_GetsTheLimitAgain_AndPasses()
    {
        // The case can only finish once the runner has passed the first limit and asked whether the machine was busy:
        // the same on a quiet or a loaded machine, and it then has a whole second limit to finish.
        var askedWhetherBusy = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool BusyAndLetTheCaseFinish(Course.Measuring.CpuLoad _)
        {
            askedWhetherBusy.TrySetResult();
            return true;
        }

        var result = CaseRunner.Run("slow", token => askedWhetherBusy.Task.WaitAsync(token), TimeSpan.FromSeconds(2), BusyAndLetTheCaseFinish, out var timedOut);

        Assert.Equal(CaseOutcome.Passed, result.Outcome);
        Assert.False(timedOut);
    }

    [Fact]
    public void Run_StuckCaseOnABusyMachine_StillFails_AndSaysTheMachineWasBusy()
    {
        var result = CaseRunner.Run("waits", token => Task.Delay(Timeout.Infinite, token), TimeSpan.FromMilliseconds(200), AlwaysBusy, out var timedOut);

        Assert.True(timedOut);
        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.StartsWith("Did not finish within 0.6 s (the limit was extended because the machine was busy: this process used", result.Message, StringComparison.Ordinal);
        Assert.EndsWith("run the check again when it is quieter.", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_SlowCaseOnAQuietMachine_FailsAtTheLimit()
    {
        var result = CaseRunner.Run("slow", token => Task.Delay(TimeSpan.FromSeconds(30), token), TimeSpan.FromMilliseconds(200), NeverBusy, out var timedOut);

        Assert.True(timedOut);
        Assert.Equal("Did not finish within 0.2 s: an endless loop, or waiting for something that never happens?", result.Message);
    }

    private static bool NeverBusy(Course.Measuring.CpuLoad _) => false;

    private static bool AlwaysBusy(Course.Measuring.CpuLoad _) => true;

    [Fact]
    public async Task Run_HeadersAfterTheBodyStarted_IsSaidInHttpTerms_WithTheFrameworkTextOnce()
    {
        var server = await Course.Hosting.InMemoryServer.StartAsync(_ => { }, app => Microsoft.AspNetCore.Builder.RunExtensions.Run(app, async context =>
        {
            await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(context.Response, "pong");
            context.Response.StatusCode = 404;
        }), "Production");
        await using (server)
        {
            var result = CaseRunner.Run("late status", async token => await server.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/ping"), token), s_limit);

            Assert.StartsWith("Your code set the status or a header after the body had started. In HTTP the status line and the headers go before the body", result.Message, StringComparison.Ordinal);
            Assert.Matches(@"\(\.NET said: InvalidOperationException: [^()]*response has already started\.\)$", result.Message);
        }
    }

    [Fact]
    public void Run_ScopedServiceFromTheRootProvider_NamesTheMistake()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddScoped<Scoped>(services);
        using var root = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services, validateScopes: true);

        var result = CaseRunner.Run("root", _ => Task.FromResult(root.GetService(typeof(Scoped))), s_limit);

        Assert.StartsWith("Your code resolved a scoped service from the root provider.", result.Message, StringComparison.Ordinal);
        Assert.Contains("(.NET said: InvalidOperationException: Cannot resolve scoped service", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_TheInnermostCauseIsReported_NotItsWrapper()
    {
        var result = CaseRunner.Run("wrapped", _ => throw new InvalidOperationException("outer", new FormatException("the real cause")), s_limit);

        Assert.Equal("Your code threw FormatException: the real cause", result.Message);
    }

    [Fact]
    public void Run_AnExceptionFromTheCheckItself_SaysTheCheckFailed_NotYourCode()
    {
        // A task of the library's that fails inside the library: its error's stack holds no frame of the caller's code.
        var result = CaseRunner.Run("check bug", token => Course.Pagination.Catalog.CreateAsync(-1, cancellationToken: token), s_limit);

        Assert.StartsWith("The check itself failed while it examined your answer (", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Your code threw", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnEndpointDotNetCannotBuild_IsNotBlamedOnTheCheck()
    {
        // The learner's handler has two body parameters: ASP.NET Core refuses it when the endpoint is first built.
        var result = CaseRunner.Run("start", async token =>
        {
            var server = await Course.Hosting.InMemoryServer.StartAsync(_ => { },
                app => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapPost(app, "/x", (Scoped a, Scoped b) => "x"), "Production", token);
            await using (server)
            {
                await server.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/x"), token);
            }
        }, s_limit);

        Assert.Equal(CaseOutcome.Failed, result.Outcome);
        Assert.DoesNotContain("The check itself failed", result.Message, StringComparison.Ordinal);
    }

    private sealed class Scoped;

    private static int Divide(int a, int b) => a / b;
}
