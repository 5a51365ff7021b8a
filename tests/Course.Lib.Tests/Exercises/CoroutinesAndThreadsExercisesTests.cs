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
    public void ConcurrentAwaits_TaskRunThatAwaits_IsCorrect()
    {
        // Threads are not the mistake, blocking them is: Task.Run(service) hands the call to the pool and blocks nothing.
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.WhenAll(services.Select(s => Task.Run(s))));

        Assert.True(result.Outcome == CheckOutcome.Correct, string.Join(" | ", result.Cases.Select(c => c.Message)));
    }

    [Fact]
    public void ConcurrentAwaits_AsyncLambdaPerService_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.ConcurrentAwaits.Check(services => Task.WhenAll(services.Select(async s => await s())));

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    // 02.2 — carry a request id with AsyncLocal

    [Fact]
    public void RequestIdFlow_UntouchedStarter_IsNotAttempted()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new StarterHolder());

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void RequestIdFlow_AsyncLocal_IsCorrect()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new AsyncLocalHolder());

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void RequestIdFlow_ThreadLocal_LosesTheIdAfterTheAwait()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new ThreadLocalHolder());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("The value stayed behind", result.Cases[0].Message);
    }

    [Fact]
    public void RequestIdFlow_PlainField_LeaksBetweenRequests()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new FieldHolder());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("read someone else's id", result.Cases[1].Message);
        Assert.Equal(CaseOutcome.Failed, result.Cases[2].Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[3].Outcome);
    }

    [Fact]
    public void RequestIdFlow_ThreadLocal_IsNotToldItIsAPlainField()
    {
        // A learner's complaint: a ThreadLocal answer was told "a plain field is one slot for everybody".
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new ThreadLocalHolder());

        Assert.All(result.Cases, c => Assert.DoesNotContain("one slot for everybody", c.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("kept per thread", result.Cases[1].Message);
    }

    [Fact]
    public void RequestIdFlow_PlainField_IsToldItIsOneSlot()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new FieldHolder());

        Assert.Contains("one slot for everybody", result.Cases[1].Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("one slot for everybody", result.Cases[2].Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RequestIdFlow_AsyncLocalBoxChangedInPlace_IsIncorrectAndSaysInPlace()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new BoxHolder());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("changed in place", result.Cases[2].Message);
    }

    [Fact]
    public void RequestIdFlow_SetterIgnored_SaysTheValueIsNotKept()
    {
        var result = CoroutinesAndThreadsExercises.RequestIdFlow.Check(new NothingHolder());

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("does not keep what is set", result.Cases[0].Message);
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
    public void BoundedBatch_WorkersOnThePoolThatAwait_AreCorrect()
    {
        // Threads are not the mistake, blocking them is: workers started with Task.Run that await their items pass.
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

    private sealed class StarterHolder : IRequestIdHolder
    {
        public string? RequestId
        {
            get => throw new NotImplementedException();
            set => throw new NotImplementedException();
        }
    }

    private sealed class AsyncLocalHolder : IRequestIdHolder
    {
        private readonly AsyncLocal<string?> _id = new();

        public string? RequestId
        {
            get => _id.Value;
            set => _id.Value = value;
        }
    }

    private sealed class ThreadLocalHolder : IRequestIdHolder
    {
        private readonly ThreadLocal<string?> _id = new();

        public string? RequestId
        {
            get => _id.Value;
            set => _id.Value = value;
        }
    }

    private sealed class BoxHolder : IRequestIdHolder
    {
        private readonly AsyncLocal<System.Runtime.CompilerServices.StrongBox<string?>> _id = new();

        public string? RequestId
        {
            get => _id.Value?.Value;
            set
            {
                if (_id.Value is null)
                {
                    _id.Value = new(value);
                }
                else
                {
                    _id.Value.Value = value;
                }
            }
        }
    }

    private sealed class NothingHolder : IRequestIdHolder
    {
        public string? RequestId
        {
            get => null;
            set { }
        }
    }

    private sealed class FieldHolder : IRequestIdHolder
    {
        public string? RequestId { get; set; }
    }
}
