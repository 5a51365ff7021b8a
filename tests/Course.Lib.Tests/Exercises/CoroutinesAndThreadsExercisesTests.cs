using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

/// <summary>
/// The 02.x checks look at the state of thread-pool threads (02.3 blames a thread that started an item and then sits in a
/// synchronous wait), so they run alone: other test classes blocking pool threads at the same time could be blamed.
/// </summary>
[CollectionDefinition(nameof(CoroutinesAndThreadsExercisesTests), DisableParallelization = true)]
public class CoroutinesAndThreadsExercisesCollection;

[Collection(nameof(CoroutinesAndThreadsExercisesTests))]
public class CoroutinesAndThreadsExercisesTests
{
    // 02.1 — make sequential awaits concurrent

    [Fact]
    public void ConcurrentAwaits_UntouchedStarter_IsNotAttempted()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            await Task.CompletedTask;
            throw new NotImplementedException();
        });

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_WhenAll_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.WhenAll(services.Select(s => s())));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ConcurrentAwaits_WhenAll_IsCorrectEvenWhenGarbageIsCollectedWhileTheServicesWait()
    {
        // The services answer on fake-clock timers; a timer nobody references is collected (and never fires), so the
        // check must hold on to its own timers. On a busy machine a collection can come at any moment: here it comes at once.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services =>
        {
            var all = Task.WhenAll(services.Select(s => s()));
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return all;
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ConcurrentAwaits_StartAllThenAwaitEachInTurn_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var tasks = services.Select(s => s()).ToList();
            var results = new List<string>();
            foreach (var task in tasks)
            {
                results.Add(await task);
            }
            return [.. results];
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_Sequential_IsIncorrectAndSaysTheWaitsAddUp()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var results = new List<string>();
            foreach (var service in services)
            {
                results.Add(await service());
            }
            return [.. results];
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("only 1 of 3 had been called", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome); // no services: nothing to wait for
    }

    [Fact]
    public void ConcurrentAwaits_ResultsInCompletionOrder_AreIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var results = new System.Collections.Concurrent.ConcurrentQueue<string>();
            await Task.WhenAll(services.Select(async s => results.Enqueue(await s())));
            return [.. results];
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("order of the services", result.Cases[0].Message);
    }

    [Fact]
    public void ConcurrentAwaits_SwallowingTheFailure_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var tasks = services.Select(s => s()).ToArray();
            try
            {
                return await Task.WhenAll(tasks);
            }
            catch (InvalidOperationException)
            {
                return [.. tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result)];
            }
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("returned normally", result.Cases[3].Message);
    }

    [Fact]
    public void ConcurrentAwaits_BlockingOnEachResult_IsIncorrectAndSaysItBlocked()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services =>
        {
            var tasks = services.Select(s => s()).ToArray();
            return Task.FromResult(tasks.Select(t => t.Result).ToArray());
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("did not return to its caller", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_AsyncMethodBlockingOnResult_IsIncorrect()
    {
        // The learner's likely form: an async method (with no await) that reads .Result.
#pragma warning disable CS1998
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var tasks = services.Select(s => s()).ToArray();
            return tasks.Select(t => t.Result).ToArray();
        });
#pragma warning restore CS1998

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("did not return to its caller", result.Cases[0].Message);
    }

    [Fact]
    public void ConcurrentAwaits_GetAwaiterGetResult_IsIncorrectAndSaysItBlocked()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services =>
            Task.FromResult(Task.WhenAll(services.Select(s => s())).GetAwaiter().GetResult()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[0].Outcome);
        Assert.Contains("did not return to its caller", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_ReferenceSolutionShape_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var calls = services.Select(service => service()).ToArray();
            return await Task.WhenAll(calls);
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_TaskRunWithGetResultPerService_IsIncorrectAndSaysThreadOfItsOwn()
    {
        // A review's fooling answer: concurrent, but one blocked pool thread per call.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services =>
            Task.WhenAll(services.Select(s => Task.Run(() => s().GetAwaiter().GetResult()))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("thread of its own", result.Cases[0].Message);
        // Said again, or pointed back to when its words are the same as case 1's (which depends on how many calls were caught).
        Assert.Matches("thread of its own|^The same cause as “", result.Cases[3].Message);
    }

    [Fact]
    public void ConcurrentAwaits_ParallelForInTaskRun_IsIncorrectAndSaysThreadOfItsOwn()
    {
        // A review's half-fooling answer: it failed only on the failing service, with no word about blocking.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var results = new string[services.Length];
            await Task.Run(() => Parallel.For(0, services.Length, i => results[i] = services[i]().GetAwaiter().GetResult()));
            return results;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("thread of its own", result.Cases[0].Message);
    }

    [Fact]
    public void ConcurrentAwaits_LazyQueryEnumeratedTwice_IsIncorrectAndSaysLazy()
    {
        // A review's answer that hung the check's own thread: the second enumeration calls every service again.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var calls = services.Select(s => s());
            await Task.WhenAll(calls);
            return [.. calls.Select(t => t.Result)];
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("lazy", result.Cases[0].Message);
        Assert.DoesNotContain("Did not finish", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome);
    }

    [Fact]
    public void ConcurrentAwaits_NoCalls_IsIncorrectAndSaysNoServiceWasCalled()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.FromResult(new string[services.Length]));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("without calling any service", result.Cases[0].Message);
    }

    [Fact]
    public void ConcurrentAwaits_TaskRunAroundEachAsyncCall_IsIncorrectAndSaysItWasHandedToThePool()
    {
        // Nothing blocks, but every call of an asynchronous service borrows a pool thread just to start it.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.WhenAll(services.Select(s => Task.Run(s))));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("handed each call to the pool", result.Cases[0].Message);
        Assert.DoesNotContain("blocked", result.Cases[0].Message);
        Assert.Equal(CaseOutcome.Passed, result.Cases[2].Outcome); // no services: nothing handed over
    }

    [Fact]
    public void ConcurrentAwaits_FireAndForget_IsIncorrectAndSaysItFinishedBeforeTheServicesAnswered()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services =>
        {
            var results = new string[services.Length];
            for (var i = 0; i < services.Length; i++)
            {
                var index = i;
                _ = services[i]().ContinueWith(call => results[index] = call.Result, TaskScheduler.Default);
            }
            return Task.FromResult(results);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("had finished before any service could answer", result.Cases[0].Message);
    }

    [Fact]
    public void ConcurrentAwaits_AsyncLambdaPerService_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.WhenAll(services.Select(async s => await s())));

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    // 02.2 — a request-id scope on AsyncLocal

    [Fact]
    public void RequestIdFlow_UntouchedStarter_IsNotAttempted()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new StarterContext());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void RequestIdFlow_AsyncLocalRestoringThePreviousId_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new Context(new AsyncLocalSlot()));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void RequestIdFlow_ThreadLocal_LosesTheIdAfterTheAwait()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new Context(new ThreadLocalSlot()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("lost after the await", result.Cases[0].Message);
        Assert.All(result.Cases, c => Assert.DoesNotContain("one slot for everybody", c.Message, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void RequestIdFlow_StaticField_LeaksBetweenConcurrentRequests()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new Context(new FieldSlot()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("one slot for everybody", result.Cases[2].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("one slot for everybody", result.Cases[3].Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RequestIdFlow_DisposeSettingNull_IsIncorrectAndSaysRestore()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new Context(new AsyncLocalSlot(), restore: false));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("instead of restoring the outer one", result.Cases[1].Message);
    }

    [Fact]
    public void RequestIdFlow_StackChangedInPlace_IsIncorrectAndSaysInPlace()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new StackContext());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("changed in place", result.Cases[3].Message);
    }

    [Fact]
    public void RequestIdFlow_KeepingNothing_SaysBeginDoesNotKeepTheId()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new Context(new NothingSlot()));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Begin does not keep the id", result.Cases[0].Message);
    }

    // 02.3 — bound the concurrency of a batch job

    [Fact]
    public void BoundedBatch_UntouchedStarter_IsNotAttempted()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check((items, limit, process) => throw new NotImplementedException());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void BoundedBatch_ParallelForEachAsync_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check((items, limit, process) =>
            Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = limit }, async (item, _) => await process(item)));

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void BoundedBatch_SemaphoreSlim_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            using var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync();
                try
                {
                    await process(item);
                }
                finally
                {
                    slots.Release();
                }
            }));
        });

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void BoundedBatch_Unbounded_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check((items, limit, process) => Task.WhenAll(items.Select(process)));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("12 items were in flight at the same time", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_Chunks_AreIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            foreach (var chunk in items.Chunk(limit))
            {
                await Task.WhenAll(chunk.Select(process));
            }
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Start the next item as soon as any one finishes", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_ReturningBeforeTheItemsFinish_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            foreach (var item in items)
            {
                await slots.WaitAsync();
                _ = process(item).ContinueWith(_ => slots.Release(), TaskScheduler.Default);
            }
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("returned while", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_SynchronousSemaphoreWait_IsIncorrectAndSaysItBlocked()
    {
        // A review's fooling answer: a synchronous SemaphoreSlim.Wait() in the loop passed when the check ran it on the pool.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            var running = new List<Task>();
            foreach (var item in items)
            {
                slots.Wait();
                running.Add(process(item).ContinueWith(_ => slots.Release(), TaskScheduler.Default));
            }
            await Task.WhenAll(running);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("blocked the caller's thread", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_ParallelForEachWithWaitInTaskRun_IsIncorrectAndSaysThreadOfItsOwn()
    {
        // A review's fooling answer: bounded, but every item in flight blocks a pool thread.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check((items, limit, process) =>
            Task.Run(() => Parallel.ForEach(items, new ParallelOptions { MaxDegreeOfParallelism = limit }, item => process(item).Wait())));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("thread of its own", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_ForEachAsyncWithABlockingBody_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check((items, limit, process) =>
            Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = limit }, (item, _) =>
            {
                process(item).Wait();
                return ValueTask.CompletedTask;
            }));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("blocked in a synchronous wait", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_WorkersThatAwait_AreCorrect()
    {
        // Workers of your own pass: each awaits its items, one after another, and nothing blocks.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(items);
            async Task Worker()
            {
                while (queue.TryDequeue(out var item))
                {
                    await process(item);
                }
            }
            await Task.WhenAll(Enumerable.Range(0, limit).Select(_ => Worker()));
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void BoundedBatch_WorkersStartedWithTaskRun_AreIncorrectAsIn02_1()
    {
        // As in 02.1: the items are asynchronous I/O, so a Task.Run around the workers spends pool threads on starting them.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var queue = new System.Collections.Concurrent.ConcurrentQueue<int>(items);
            await Task.WhenAll(Enumerable.Range(0, limit).Select(_ => Task.Run(async () =>
            {
                while (queue.TryDequeue(out var item))
                {
                    await process(item);
                }
            })));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("hands work to the thread pool", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_TaskRunAroundEachItem_IsIncorrect()
    {
        // A review's fooling answer: bounded, nothing blocks, but each item borrows a pool thread to start.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            var running = new List<Task>();
            foreach (var item in items)
            {
                await slots.WaitAsync();
                running.Add(Task.Run(async () =>
                {
                    try
                    {
                        await process(item);
                    }
                    finally
                    {
                        slots.Release();
                    }
                }));
            }
            await Task.WhenAll(running);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("hands work to the thread pool", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_TimedWaitWhoseResultIsIgnored_IsIncorrectOnAnyMachine()
    {
        // A review's fooling answer: the check released items faster than the timeout, so the lost slot never showed.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync(TimeSpan.FromMilliseconds(500));
                try
                {
                    await process(item);
                }
                finally
                {
                    slots.Release();
                }
            }));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("returns false when it gives up", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_TimedWaitKeptInAVariableNobodyReads_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
#pragma warning disable IDE0059 // the unread variable is the mistake under test
                var entered = await slots.WaitAsync(30_000);
#pragma warning restore IDE0059
                try
                {
                    await process(item);
                }
                finally
                {
                    slots.Release();
                }
            }));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("returns false when it gives up", result.Cases[0].Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BoundedBatch_TimedWaitThatActsOnFalse_OrAnInfiniteOne_IsCorrect(bool infinite)
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
                if (infinite)
                {
                    await slots.WaitAsync(Timeout.InfiniteTimeSpan);
                }
                else if (!await slots.WaitAsync(TimeSpan.FromMinutes(1)))
                {
                    throw new TimeoutException("no slot within a minute");
                }
                try
                {
                    await process(item);
                }
                finally
                {
                    slots.Release();
                }
            }));
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void BoundedBatch_SequentialWithTwoItems_SaysStartBoth()
    {
        // A learner's complaint: "start up to 5" with 2 items.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            foreach (var item in items)
            {
                await process(item);
            }
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Start both before waiting", result.Cases[3].Message);
        Assert.DoesNotContain("up to 5", result.Cases[3].Message);
    }

    [Fact]
    public void BoundedBatch_SemaphoreReleasedBeforeTheItemIsAwaited_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync();
                var running = process(item);
                slots.Release();
                await running;
            }));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("were in flight at the same time", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_WindowThatForgetsTheLastItems_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var running = new List<Task>();
            foreach (var item in items)
            {
                if (running.Count == limit)
                {
                    running.Remove(await Task.WhenAny(running));
                }
                running.Add(process(item));
            }
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("returned while", result.Cases[0].Message);
    }

    [Fact]
    public void BoundedBatch_SemaphoreReleasedOutsideFinally_IsIncorrectWhenAnItemThrows()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var slots = new SemaphoreSlim(limit);
            await Task.WhenAll(items.Select(async item =>
            {
                await slots.WaitAsync();
                await process(item);
                slots.Release();
            }));
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(4), c => Assert.True(c.Outcome == CaseOutcome.Passed, c.Message));
        Assert.Contains("item 2 threw, and then no other item started", result.Cases[4].Message);
        Assert.Contains("finally", result.Cases[4].Message);
    }

    [Fact]
    public void BoundedBatch_WindowThatDropsAFailedItem_IsIncorrect()
    {
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var running = new List<Task>();
            foreach (var item in items)
            {
                if (running.Count == limit)
                {
                    running.Remove(await Task.WhenAny(running));
                }
                running.Add(process(item));
            }
            await Task.WhenAll(running);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(4), c => Assert.True(c.Outcome == CaseOutcome.Passed, c.Message));
        Assert.Contains("the failure was lost", result.Cases[4].Message);
    }

    [Fact]
    public void BoundedBatch_ThatCarriesOnAfterAFailureAndRethrowsIt_IsCorrect()
    {
        // The semaphore answer goes on with items 3 to 5 and throws at the end; Parallel.ForEachAsync stops starting items.
        // Both free the slot and report the failure.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            using var slots = new SemaphoreSlim(limit);
            var tasks = items.Select(async item =>
            {
                await slots.WaitAsync();
                try { await process(item); }
                finally { slots.Release(); }
            }).ToList();
            await Task.WhenAll(tasks);
        });

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void BoundedBatch_WindowThatThrowsAtTheFirstFailure_IsIncorrectAndSaysItemsWereStillRunning()
    {
        // A review's fooling answer: it awaits each task Task.WhenAny hands back, so the first failure leaves the method while
        // the rest of the window still runs. With one item in flight at a time nothing else was running; with three, two were.
        var result = CoroutinesAndThreadsExercises.BoundedBatch.Check(async (items, limit, process) =>
        {
            var running = new List<Task>();
            foreach (var item in items)
            {
                if (running.Count == limit)
                {
                    var done = await Task.WhenAny(running);
                    running.Remove(done);
                    await done;
                }
                running.Add(process(item));
            }
            await Task.WhenAll(running);
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(5), c => Assert.True(c.Outcome == CaseOutcome.Passed, c.Message));
        Assert.Contains("returned (with the error) while 2 other items were still running", result.Cases[5].Message);
        Assert.Contains("wait for the items in flight before letting the exception out", result.Cases[5].Message);
    }

    [Fact]
    public void ConcurrentAwaits_ContinueWithReadingResult_SaysUnwrap()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(async services =>
        {
            var calls = services.Select(s => s()).ToArray();
            return await Task.WhenAll(calls).ContinueWith(_ => calls.Select(c => c.Result).ToArray());
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.All(result.Cases.Take(3), c => Assert.True(c.Outcome == CaseOutcome.Passed, c.Message));
        Assert.Contains("AggregateException", result.Cases[3].Message);
        Assert.Contains("Unwrap: await the tasks, don't read .Result in a continuation.", result.Cases[3].Message);
    }

    private sealed class StarterContext : IRequestContext
    {
        public string? RequestId => throw new NotImplementedException();

        public IDisposable Begin(string requestId) => throw new NotImplementedException();
    }

    /// <summary>A request context over a slot; <paramref name="restore"/> false sets null on Dispose instead of restoring.</summary>
    private sealed class Context(ISlot slot, bool restore = true) : IRequestContext
    {
        public string? RequestId => slot.Value;

        public IDisposable Begin(string requestId)
        {
            var previous = slot.Value;
            slot.Value = requestId;
            return new Scope(() => slot.Value = restore ? previous : null);
        }
    }

    private sealed class StackContext : IRequestContext
    {
        private readonly AsyncLocal<Stack<string>> _scopes = new();

        public string? RequestId => _scopes.Value is { Count: > 0 } scopes ? scopes.Peek() : null;

        public IDisposable Begin(string requestId)
        {
            _scopes.Value ??= new Stack<string>();
            var scopes = _scopes.Value;
            scopes.Push(requestId);
            return new Scope(() => scopes.Pop());
        }
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }

    private interface ISlot
    {
        string? Value { get; set; }
    }

    private sealed class AsyncLocalSlot : ISlot
    {
        private readonly AsyncLocal<string?> _value = new();

        public string? Value { get => _value.Value; set => _value.Value = value; }
    }

    private sealed class ThreadLocalSlot : ISlot
    {
        private readonly ThreadLocal<string?> _value = new();

        public string? Value { get => _value.Value; set => _value.Value = value; }
    }

    private sealed class FieldSlot : ISlot
    {
        public string? Value { get; set; }
    }

    private sealed class NothingSlot : ISlot
    {
        public string? Value { get => null; set { } }
    }
}
