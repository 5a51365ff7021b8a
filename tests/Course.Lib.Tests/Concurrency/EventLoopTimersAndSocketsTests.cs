using System.Net;
using System.Net.Sockets;
using Course.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace Course.Lib.Tests.Concurrency;

/// <summary>
/// The loop's timer heap and its select: order and threads are asserted, never durations, and every run has a
/// generous limit, so a bug fails the test instead of hanging it.
/// </summary>
public class EventLoopTimersAndSocketsTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void CallLater_ThreeTimers_RunInOrderOfDueTimeOnTheLoopThread()
    {
        var loop = new EventLoop();
        var ran = new List<(string Name, int Thread)>();
        loop.Run(async () =>
        {
            foreach (var (name, ms) in new[] { ("c", 60), ("a", 20), ("b", 40), ("a2", 20) })
            {
                loop.CallLater(TimeSpan.FromMilliseconds(ms), () => ran.Add((name, Environment.CurrentManagedThreadId)));
            }
            await loop.Sleep(TimeSpan.FromMilliseconds(100));
        }, new CancellationTokenSource(s_limit).Token);

        Assert.Equal(["a", "a2", "b", "c"], ran.Select(r => r.Name));
        Assert.All(ran, r => Assert.Equal(loop.LoopThreadId, r.Thread));
    }

    [Fact]
    public void ReadyCallbacks_RunBeforeATimerThatIsAlreadyDue()
    {
        var loop = new EventLoop();
        var ran = new List<string>();
        loop.Run(async () =>
        {
            loop.CallLater(TimeSpan.Zero, () => ran.Add("timer (set first, due at once)"));
            loop.Post(() => ran.Add("ready callback"));
            await loop.Sleep(TimeSpan.FromMilliseconds(20));
        }, new CancellationTokenSource(s_limit).Token);

        Assert.Equal(["ready callback", "timer (set first, due at once)"], ran);
    }

    [Fact]
    public void ACallbackQueuedDuringATurn_RunsInTheNextTurn_AfterTheTimersDueNow()
    {
        var loop = new EventLoop();
        var ran = new List<string>();
        loop.Run(async () =>
        {
            loop.CallLater(TimeSpan.Zero, () => ran.Add("timer"));
            loop.Post(() =>
            {
                ran.Add("first");
                loop.Post(() => ran.Add("queued by first"));
            });
            await loop.Sleep(TimeSpan.FromMilliseconds(20));
        }, new CancellationTokenSource(s_limit).Token);

        Assert.Equal(["first", "timer", "queued by first"], ran);
    }

    [Fact]
    public async Task Sleep_WithAFakeClock_ResumesOnlyWhenTheClockIsAdvanced()
    {
        var clock = new FakeTimeProvider();
        var loop = new EventLoop(clock);
        var log = new List<string>();
        var sleeping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = loop.RunAsync(async () =>
        {
            var sleep = loop.Sleep(TimeSpan.FromMinutes(5));
            log.Add("sleeping");
            sleeping.SetResult();
            await sleep;
            log.Add($"woke on the loop: {Environment.CurrentManagedThreadId == loop.LoopThreadId}");
        });

        await sleeping.Task.WaitAsync(s_limit);
        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200);
        Assert.False(run.IsCompleted);
        clock.Advance(TimeSpan.FromMinutes(1));
        await run.WaitAsync(s_limit);
        Assert.Equal(["sleeping", "woke on the loop: True"], log);
    }

    [Fact]
    public void AddReader_DataWrittenFromAnotherThread_WakesTheSelectAndRunsTheCallbackOnTheLoop()
    {
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            var loop = new EventLoop();
            var received = loop.Run(() =>
            {
                var done = new TaskCompletionSource<(string Text, int Thread)>();
                loop.AddReader(reading, () =>
                {
                    var buffer = new byte[16];
                    var n = reading.Receive(buffer);
                    loop.RemoveReader(reading);
                    done.SetResult((System.Text.Encoding.ASCII.GetString(buffer, 0, n), Environment.CurrentManagedThreadId));
                });
                // The writer starts once the loop waits (nothing is ready, no timer: the select waits for the socket).
                _ = Task.Run(async () =>
                {
                    await Task.Delay(50);
                    writing.Send("hello"u8);
                });
                return done.Task;
            }, new CancellationTokenSource(s_limit).Token);

            Assert.Equal(("hello", loop.LoopThreadId), received);
        }
    }

    [Fact]
    public void ReceiveAsync_ACoroutineAwaitsDataWhileAnotherCoroutineWritesIt()
    {
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            var loop = new EventLoop();
            var log = new List<string>();
            loop.Run(async () =>
            {
                async Task Reader()
                {
                    var buffer = new byte[16];
                    log.Add("reader waits");
                    var n = await loop.ReceiveAsync(reading, buffer);
                    log.Add($"reader got {System.Text.Encoding.ASCII.GetString(buffer, 0, n)} on the loop: {Environment.CurrentManagedThreadId == loop.LoopThreadId}");
                }
                async Task Writer()
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(30));
                    log.Add("writer sends");
                    writing.Send("ping"u8);
                }
                await Task.WhenAll(Reader(), Writer());
            }, new CancellationTokenSource(s_limit).Token);

            Assert.Equal(["reader waits", "writer sends", "reader got ping on the loop: True"], log);
        }
    }

    [Fact]
    public void ABlockingCallback_DelaysADueTimerAndAReadableSocketUntilItReturns()
    {
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            var loop = new EventLoop();
            var log = new List<string>();
            loop.Run(async () =>
            {
                loop.CallLater(TimeSpan.FromMilliseconds(10), () => log.Add("timer"));
                loop.AddReader(reading, () =>
                {
                    reading.Receive(new byte[16]);
                    loop.RemoveReader(reading);
                    log.Add("reader");
                });
                loop.Post(() =>
                {
                    writing.Send("x"u8);   // the socket is readable and the timer due while this callback blocks
                    Thread.Sleep(100);
                    log.Add("blocking callback returns");
                });
                await loop.Sleep(TimeSpan.FromMilliseconds(150));
            }, new CancellationTokenSource(s_limit).Token);

            Assert.Equal(["blocking callback returns", "reader", "timer"], log);
        }
    }

    [Fact]
    public void ATimerCallbackThrows_EndsTheRunWithThatException()
    {
        var loop = new EventLoop();
        var thrown = Assert.Throws<FormatException>(() => loop.Run(async () =>
        {
            loop.CallLater(TimeSpan.FromMilliseconds(5), () => throw new FormatException("from the timer"));
            await loop.Sleep(TimeSpan.FromSeconds(20));
        }, new CancellationTokenSource(s_limit).Token));
        Assert.Equal("from the timer", thrown.Message);
    }

    [Fact]
    public void AReaderCallbackThrows_EndsTheRunWithThatException()
    {
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            var loop = new EventLoop();
            var thrown = Assert.Throws<IOException>(() => loop.Run(() =>
            {
                loop.AddReader(reading, () => throw new IOException("from the reader"));
                writing.Send("x"u8);
                return new TaskCompletionSource().Task;   // never completes: only the reader can end the run
            }, new CancellationTokenSource(s_limit).Token));
            Assert.Equal("from the reader", thrown.Message);
        }
    }

    [Fact]
    public async Task Cancelled_WhileTheSelectWaitsWithNothingToDo_StopsTheLoop()
    {
        var (reading, writing) = LoopbackSockets.Pair();
        using (reading)
        using (writing)
        {
            var loop = new EventLoop();
            using var cancel = new CancellationTokenSource();
            var waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = loop.RunAsync(() =>
            {
                loop.AddReader(reading, () => { });   // no data ever comes, no timer: the select waits until woken
                waiting.SetResult();
                return new TaskCompletionSource().Task;
            }, cancel.Token);
            await waiting.Task.WaitAsync(s_limit);
            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(s_limit));
            Assert.True(loop.IsShutDown);
        }
    }

    [Fact]
    public void MainCompletes_WhileATimerIsPending_TheTimerIsDroppedAndTheRunEnds()
    {
        var loop = new EventLoop();
        var fired = false;
        loop.Run(() =>
        {
            loop.CallLater(TimeSpan.FromMinutes(10), () => fired = true);
            return Task.CompletedTask;
        }, new CancellationTokenSource(s_limit).Token);

        Assert.True(loop.IsShutDown);
        Assert.False(fired);
    }

    [Fact]
    public async Task CallLaterAndAddReader_FromAnotherThreadWhileRunning_Throw()
    {
        var loop = new EventLoop();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var run = loop.RunAsync(() =>
        {
            started.SetResult();
            return release.Task;
        });
        await started.Task.WaitAsync(s_limit);

        var error = Assert.Throws<InvalidOperationException>(() => loop.CallLater(TimeSpan.Zero, () => { }));
        Assert.Contains("loop's own thread", error.Message);
        loop.Post(() => release.SetResult());
        await run.WaitAsync(s_limit);
    }

    [Fact]
    public void Sleep_TheSelectWaitsForTheTimer_InsteadOfSpinning()
    {
        var loop = new EventLoop();
        loop.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                await loop.Sleep(TimeSpan.FromMilliseconds(20.5));   // a fraction of a millisecond must not turn into a zero wait
            }
        }, new CancellationTokenSource(s_limit).Token);

        Assert.InRange(loop.Turns, 5, 40);
    }
}
