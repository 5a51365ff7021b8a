using System.Collections.Concurrent;
using Course.Concurrency;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// Every test asserts order and threads, never durations, and every run has a generous limit, so a bug fails the
/// test instead of hanging it.
/// </summary>
public class EventLoopTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Post_SeveralCallbacks_RunInOrderOnTheLoopThread()
    {
        var loop = new EventLoop();
        var ran = new List<(int Number, int Thread)>();
        var allRan = new TaskCompletionSource();
        loop.Post(() => ran.Add((1, Environment.CurrentManagedThreadId)));

        loop.Run(() =>
        {
            for (var number = 2; number <= 5; number++)
            {
                var n = number;
                loop.Post(() => ran.Add((n, Environment.CurrentManagedThreadId)));
            }
            loop.Post(allRan.SetResult);
            return allRan.Task;
        }, Limit());

        Assert.Equal([1, 2, 3, 4, 5], ran.Select(r => r.Number));
        Assert.All(ran, r => Assert.Equal(loop.LoopThreadId, r.Thread));
    }

    [Fact]
    public void Run_TwoCoroutinesThatYield_InterleaveOnTheLoopThread()
    {
        var loop = new EventLoop();
        var steps = new List<(string Step, int Thread)>();

        async Task Coroutine(string name)
        {
            for (var i = 0; i < 3; i++)
            {
                steps.Add(($"{name}{i}", Environment.CurrentManagedThreadId));
                await Task.Yield();
            }
        }

        loop.Run(() => Task.WhenAll(Coroutine("a"), Coroutine("b")), Limit());

        Assert.Equal(["a0", "b0", "a1", "b1", "a2", "b2"], steps.Select(s => s.Step));
        Assert.All(steps, s => Assert.Equal(loop.LoopThreadId, s.Thread));
        Assert.NotEqual(Environment.CurrentManagedThreadId, loop.LoopThreadId);
    }

    [Fact]
    public void Run_AwaitDelayYieldAndTaskRun_ResumeOnTheLoopThread()
    {
        var loop = new EventLoop();
        var threads = new Dictionary<string, int>();

        loop.Run(async () =>
        {
            threads["start"] = Environment.CurrentManagedThreadId;
            await Task.Delay(1);
            threads["after Task.Delay"] = Environment.CurrentManagedThreadId;
            await Task.Yield();
            threads["after Task.Yield"] = Environment.CurrentManagedThreadId;
            threads["inside Task.Run"] = await Task.Run(() => Environment.CurrentManagedThreadId);
            threads["after Task.Run"] = Environment.CurrentManagedThreadId;
        }, Limit());

        Assert.Equal(loop.LoopThreadId, threads["start"]);
        Assert.Equal(loop.LoopThreadId, threads["after Task.Delay"]);
        Assert.Equal(loop.LoopThreadId, threads["after Task.Yield"]);
        Assert.NotEqual(loop.LoopThreadId, threads["inside Task.Run"]);
        Assert.Equal(loop.LoopThreadId, threads["after Task.Run"]);
    }

    [Fact]
    public void Run_AsyncLocalSetByTheCaller_FlowsIntoMainAndPostedCallbacks()
    {
        var loop = new EventLoop();
        var requestId = new AsyncLocal<string?> { Value = "request 7" };
        var seen = new List<string?>();

        loop.Run(async () =>
        {
            seen.Add(requestId.Value);
            await Task.Delay(1);
            seen.Add(requestId.Value);
            var posted = new TaskCompletionSource();
            loop.Post(() =>
            {
                seen.Add(requestId.Value);
                posted.SetResult();
            });
            await posted.Task;
        }, Limit());

        Assert.Equal(["request 7", "request 7", "request 7"], seen);
    }

    [Fact]
    public void Current_InsideTheRunIsTheLoop_OutsideIsNull()
    {
        var loop = new EventLoop();

        var inside = loop.Run(async () =>
        {
            await Task.Yield();
            return EventLoop.Current;
        }, Limit());

        Assert.Same(loop, inside);
        Assert.Null(EventLoop.Current);
    }

    [Fact]
    public void RunOfT_ReturnsMainsResult_AndCountsTheCallbacks()
    {
        var loop = new EventLoop();

        var result = loop.Run(async () =>
        {
            await Task.Yield();
            await Task.Yield();
            return 42;
        }, Limit());

        Assert.Equal(42, result);
        Assert.Equal(3, loop.CallbacksRun); // the call of main, then one resumption per Task.Yield
    }

    [Fact]
    public async Task RunAsync_ReturnsMainsResultWithoutBlockingTheCaller()
    {
        var loop = new EventLoop();
        var release = new TaskCompletionSource();

        var run = loop.RunAsync(async () =>
        {
            await release.Task;
            return Environment.CurrentManagedThreadId;
        });
        Assert.False(run.IsCompleted);
        release.SetResult();

        Assert.Equal(loop.LoopThreadId, await run.WaitAsync(s_limit));
    }

    [Fact]
    public void Run_MainThrowsAfterAnAwait_ThrowsTheOriginalException()
    {
        var loop = new EventLoop();

        var thrown = Assert.Throws<TimeZoneNotFoundException>(() => loop.Run(async () =>
        {
            await Task.Yield();
            throw new TimeZoneNotFoundException("from main");
        }, Limit()));

        Assert.Equal("from main", thrown.Message);
    }

    [Fact]
    public void Run_MainThrowsBeforeReturningATask_ThrowsTheOriginalException()
    {
        var loop = new EventLoop();

        Assert.Throws<TimeZoneNotFoundException>(() => loop.Run(() => throw new TimeZoneNotFoundException(), Limit()));
        Assert.True(loop.IsShutDown);
    }

    [Fact]
    public async Task RunAsync_MainThrows_TheTaskFailsWithTheOriginalException()
    {
        var loop = new EventLoop();

        var run = loop.RunAsync(async () =>
        {
            await Task.Delay(1);
            throw new TimeZoneNotFoundException();
        });

        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => run.WaitAsync(s_limit));
    }

    [Fact]
    public void Run_APostedCallbackThrows_EndsTheRunWithThatException()
    {
        var loop = new EventLoop();
        var never = new TaskCompletionSource();
        var ranAfter = false;

        var thrown = Assert.Throws<TimeZoneNotFoundException>(() => loop.Run(() =>
        {
            loop.Post(() => throw new TimeZoneNotFoundException("from a callback"));
            loop.Post(() => ranAfter = true);
            return never.Task;
        }, Limit()));

        Assert.Equal("from a callback", thrown.Message);
        Assert.False(ranAfter);
        Assert.True(loop.IsShutDown);
    }

    [Fact]
    public void Run_AnAsyncVoidMethodThrows_EndsTheRunWithThatException()
    {
        var loop = new EventLoop();
        var never = new TaskCompletionSource();

        async void FireAndForget()
        {
            await Task.Yield();
            throw new TimeZoneNotFoundException("from async void");
        }

        var thrown = Assert.Throws<TimeZoneNotFoundException>(() => loop.Run(() =>
        {
            FireAndForget();
            return never.Task;
        }, Limit()));

        Assert.Equal("from async void", thrown.Message);
    }

    [Fact]
    public void Run_ACoroutineThrows_TheCoroutineThatAwaitsItSeesTheException()
    {
        var loop = new EventLoop();

        async Task Failing()
        {
            await Task.Yield();
            throw new TimeZoneNotFoundException();
        }

        var caught = loop.Run(async () =>
        {
            try
            {
                await Failing();
                return "nothing";
            }
            catch (TimeZoneNotFoundException)
            {
                return "caught";
            }
        }, Limit());

        Assert.Equal("caught", caught);
    }

    [Fact]
    public void Run_Returned_TheLoopThreadHasEndedAndPostThrows()
    {
        var loop = new EventLoop();
        Thread? loopThread = null;

        loop.Run(async () =>
        {
            loopThread = Thread.CurrentThread;
            await Task.Yield();
        }, Limit());

        Assert.NotNull(loopThread);
        Assert.False(loopThread.IsAlive);
        Assert.True(loop.IsShutDown);
        var thrown = Assert.Throws<InvalidOperationException>(() => loop.Post(() => { }));
        Assert.Contains("shut down", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACoroutineNotAwaited_ResumingAfterTheRun_IsDroppedAndCounted_AndTheProcessLivesOn()
    {
        var loop = new EventLoop();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resumed = false;

        loop.Run(() =>
        {
            _ = Forgotten(); // started, never awaited
            return Task.CompletedTask;
        }, Limit());
        release.SetResult(); // the coroutine's resumption is posted to the shut-down loop
        Assert.True(SpinWait.SpinUntil(() => loop.DroppedAfterShutdown > 0, TimeSpan.FromSeconds(30)));

        Assert.False(resumed);
        Assert.Equal(1, loop.DroppedAfterShutdown);
        Assert.Contains("1 dropped after shutdown", loop.ToString(), StringComparison.Ordinal);

        async Task Forgotten()
        {
            await release.Task;
            resumed = true;
        }
    }

    [Fact]
    public void Run_Twice_Throws()
    {
        var loop = new EventLoop();
        loop.Run(() => Task.CompletedTask, Limit());

        var thrown = Assert.Throws<InvalidOperationException>(() => loop.Run(() => Task.CompletedTask, Limit()));

        Assert.Contains("create a new EventLoop", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MainReturnsWhileCallbacksAreQueued_DropsThem()
    {
        var loop = new EventLoop();
        var ranAfter = false;

        loop.Run(() =>
        {
            loop.Post(() => ranAfter = true);
            return Task.CompletedTask;
        }, Limit());

        Assert.False(ranAfter);
    }

    [Fact]
    public void Run_ACoroutineBlocks_AReadyCoroutineWaitsUntilItReturns()
    {
        var loop = new EventLoop();
        var steps = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource();

        async Task Waiter()
        {
            steps.Enqueue("waiter awaits");
            await ready.Task;
            steps.Enqueue("waiter resumes");
        }

        async Task Blocker()
        {
            await Task.Yield();
            steps.Enqueue("blocker starts");
            // Another thread completes what the waiter awaits: its continuation is posted to the loop now...
            Assert.True(Task.Run(ready.SetResult).Wait(s_limit));
            steps.Enqueue("waiter is ready");
            // ...but the loop's one thread is busy here, blocked, so the waiter cannot run yet.
            Thread.Sleep(20);
            steps.Enqueue("blocker ends");
        }

        loop.Run(() => Task.WhenAll(Waiter(), Blocker()), Limit());

        Assert.Equal(["waiter awaits", "blocker starts", "waiter is ready", "blocker ends", "waiter resumes"], steps);
    }

    [Fact]
    public void Run_Cancelled_StopsAndThrowsOperationCanceled()
    {
        var loop = new EventLoop();
        using var cancellation = new CancellationTokenSource();
        var never = new TaskCompletionSource();

        var run = Task.Run(() => loop.Run(() =>
        {
            cancellation.Cancel();
            return never.Task;
        }, cancellation.Token));

        Assert.True(((IAsyncResult)run).AsyncWaitHandle.WaitOne(s_limit), "Run did not return after cancellation.");
        Assert.IsAssignableFrom<OperationCanceledException>(run.Exception?.InnerException);
        Assert.True(loop.IsShutDown);
    }

    [Fact]
    public async Task RunAsync_CancelledWhileACallbackBlocks_ReturnsWithoutWaitingForIt()
    {
        var loop = new EventLoop();
        using var cancellation = new CancellationTokenSource();
        using var release = new ManualResetEventSlim();
        using var blocking = new ManualResetEventSlim();

        var run = loop.RunAsync(() =>
        {
            blocking.Set();
            release.Wait(s_limit);
            return Task.CompletedTask;
        }, cancellation.Token);
        Assert.True(blocking.Wait(s_limit));
        await cancellation.CancelAsync();

        try
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(s_limit));
        }
        finally
        {
            release.Set();
        }
        Assert.True(loop.IsShutDown);
        Assert.Throws<InvalidOperationException>(() => loop.Post(() => { }));
    }

    [Fact]
    public void Run_AlreadyCancelled_ThrowsWithoutRunningMain()
    {
        var loop = new EventLoop();
        var ran = false;

        Assert.ThrowsAny<OperationCanceledException>(() => loop.Run(() =>
        {
            ran = true;
            return Task.CompletedTask;
        }, new CancellationToken(canceled: true)));

        Assert.False(ran);
        Assert.True(loop.IsShutDown);
    }

    [Fact]
    public void Send_OnTheLoopThread_RunsInline()
    {
        var loop = new EventLoop();
        var order = new List<string>();

        loop.Run(() =>
        {
            order.Add("before");
            loop.Send(_ => order.Add("sent"), null);
            order.Add("after");
            return Task.CompletedTask;
        }, Limit());

        Assert.Equal(["before", "sent", "after"], order);
    }

    [Fact]
    public void Send_FromAnotherThread_ThrowsNotSupported()
    {
        var loop = new EventLoop();

        Assert.Throws<NotSupportedException>(() => loop.Send(_ => { }, null));
    }

    [Fact]
    public void CreateCopy_ReturnsTheSameLoop()
    {
        var loop = new EventLoop();

        Assert.Same(loop, loop.CreateCopy());
    }

    [Fact]
    public void ToString_ShowsThreadStateAndCount()
    {
        var loop = new EventLoop();
        Assert.Equal($"event loop on thread {loop.LoopThreadId}: not started, 0 callbacks run", loop.ToString());

        loop.Run(() => Task.CompletedTask, Limit());

        Assert.Equal($"event loop on thread {loop.LoopThreadId}: shut down, 1 callback run", loop.ToString());
    }

    /// <summary>A token that cancels a run that has not finished within the limit, so a bug fails instead of hanging.</summary>
    private static CancellationToken Limit() => new CancellationTokenSource(s_limit).Token;
}
