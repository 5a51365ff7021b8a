using System.Collections.Concurrent;
using Course.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace Course.Exercises;

/// <summary>Where exercise 02.2's answer keeps the current request's id: a scope per request, as logging scopes do.</summary>
public interface IRequestContext
{
    /// <summary>The id of the innermost scope open in this asynchronous flow, or null outside every scope.</summary>
    string? RequestId { get; }

    /// <summary>
    /// Opens a scope in which <see cref="RequestId"/> is <paramref name="requestId"/>, in this flow and in the tasks it
    /// starts; disposing the scope brings back the id that was current before it began.
    /// </summary>
    IDisposable Begin(string requestId);
}

/// <summary>The exercises of notebook 02, coroutines vs threads.</summary>
public static class CoroutinesAndThreadsExercises
{
    /// <summary>How long a check waits, in real time, for something a correct answer does at once.</summary>
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(5);

    /// <summary>
    /// 02.1: call several services concurrently and return their answers in call order. The services await
    /// <c>Task.Delay</c> on a <see cref="FakeTimeProvider"/>, so the check moves time itself and tells a concurrent
    /// answer from a sequential one without measuring anything.
    /// </summary>
    public static Exercise<Func<Func<Task<string>>[], Task<string[]>>> ConcurrentAwaits { get; } = new(
        id: "02.1",
        title: "Make sequential awaits concurrent",
        hint: """
            Calling an async method (here: invoking a service delegate) starts its work and hands you a Task at once;
            await only waits for it. So first call every service and keep the tasks (in an array: a LINQ query calls the
            services again each time it is enumerated), then wait for all of them together — with await, never with
            .Result, .Wait() or GetAwaiter().GetResult(), which block the thread, and without Task.Run: the services are
            asynchronous already, and a call that waits needs no thread. Task.WhenAll takes tasks and gives you their results as an array, in the order of the
            tasks you passed — not the order they finished in — and rethrows an exception if one of them failed.
            """,
        answers: ExerciseAnswers.Load("02.1"),
        cases:
        [
            new("three services (300, 200, 100 ms): all called before any answers, results in call order, done after 300 ms of (fake) time, not 600",
                (answer, token) => FetchAllCaseAsync(answer, [("user", 300), ("orders", 200), ("weather", 100)], token)),
            new("one service, and five services (100 to 500 ms)", async (answer, token) =>
            {
                await FetchAllCaseAsync(answer, [("only", 250)], token);
                await FetchAllCaseAsync(answer, [("a", 500), ("b", 100), ("c", 400), ("d", 200), ("e", 300)], token);
            }),
            new("no services → an empty array", async (answer, token) =>
            {
                var results = await Task.Run(() => answer([]), token).WaitAsync(s_patience, token);
                Expect.That(results is { Length: 0 }, $"With no services the answer should be an empty array, but it was {Show(results)}.");
            }),
            new("a service that fails → its exception reaches the caller", (answer, token) =>
                FetchAllCaseAsync(answer, [("user", 300), ("orders", 100), ("weather", 200)], token, failing: "orders")),
        ]);

    /// <summary>
    /// 02.2: a request-id scope. <c>Begin(id)</c> makes <c>id</c> the current request id in this asynchronous flow (across
    /// awaits, whichever thread resumes, and in child tasks) and its <c>Dispose</c> restores the id from before, so scopes
    /// nest; concurrent flows never see each other's id.
    /// </summary>
    public static Exercise<IRequestContext> RequestIdFlow { get; } = new(
        id: "02.2",
        title: "Carry a request id across awaits",
        hint: """
            Keep the id in an AsyncLocal<string?>: its value belongs to the asynchronous flow, so it survives an await
            whichever thread resumes, reaches the tasks the flow starts, and is not seen by other flows. (A field is one
            slot for every request; a ThreadLocal<T> or [ThreadStatic] stays with the thread an await leaves behind.)
            Begin remembers the value it replaces, sets the new one, and returns an IDisposable whose Dispose puts the
            remembered value back — not null: a scope may sit inside another one.
            """,
        answers: ExerciseAnswers.Load("02.2"),
        cases:
        [
            new("a scope begun on the request's own thread: the id is there after an await (resumed on another thread) and in a child task (Task.Run)", async (context, token) =>
            {
                var id = NewRequestId();
                int startThread = 0, resumeThread = 0;
                string? readBack = null, afterAwait = null, inChild = null;
                async Task Request()
                {
                    using (context.Begin(id))
                    {
                        startThread = Environment.CurrentManagedThreadId;
                        readBack = context.RequestId;
                        await Task.Delay(20, token).ConfigureAwait(false); // resumes on a thread-pool thread: never the request's own thread
                        resumeThread = Environment.CurrentManagedThreadId;
                        afterAwait = context.RequestId;
                        inChild = await Task.Run(() => context.RequestId, token).ConfigureAwait(false);
                    }
                }
                Task? request = null;
                var thread = new Thread(() => request = Request()) { IsBackground = true, Name = "request 02.2" };
                thread.Start();
                thread.Join();
                await request!.WaitAsync(token);
                Expect.That(readBack == id,
                    $"Inside Begin(\"{id}\"), on the same thread, RequestId read {Show(readBack)}: Begin does not keep the id. Store it where RequestId reads it.");
                Expect.That(afterAwait == id,
                    $"The request began a scope with \"{id}\" on thread {startThread}, awaited, resumed on thread {resumeThread} and read {Show(afterAwait)}: " +
                    "the id was lost after the await. It was kept per thread (or not kept); an await may resume on any pool thread. " +
                    "Keep it in an AsyncLocal<string?>, which flows with the async method, not the thread.");
                Expect.That(inChild == id,
                    $"A child task (Task.Run) of the request read {Show(inChild)} instead of \"{id}\": the id should flow into the work the request starts.");
            }),
            new("nested scopes: the inner id inside, the outer id back when the inner scope ends, none after the outer ends (awaiting in between)", async (context, token) =>
            {
                var outer = NewRequestId();
                var inner = NewRequestId();
                async Task<(string? Before, string? InOuter, string? InInner, string? OuterAgain, string? After)> Flow()
                {
                    var before = context.RequestId;
                    string? inOuter, inInner, outerAgain;
                    using (context.Begin(outer))
                    {
                        await Task.Yield();
                        inOuter = context.RequestId;
                        using (context.Begin(inner))
                        {
                            await Task.Yield();
                            inInner = context.RequestId;
                        }
                        await Task.Yield();
                        outerAgain = context.RequestId;
                    }
                    return (before, inOuter, inInner, outerAgain, context.RequestId);
                }
                var seen = await Task.Run(Flow, token).WaitAsync(token);
                Expect.That(seen.Before is null, $"Before any scope began, RequestId read {Show(seen.Before)}: outside every scope it should be null.");
                Expect.That(seen.InOuter == outer && seen.InInner == inner,
                    $"Inside Begin(\"{outer}\") RequestId read {Show(seen.InOuter)}, and inside the nested Begin(\"{inner}\") {Show(seen.InInner)}: the innermost scope's id should be current.");
                Expect.That(seen.OuterAgain == outer,
                    $"After the inner scope (\"{inner}\") ended, inside the outer one, RequestId read {Show(seen.OuterAgain)} instead of \"{outer}\". " +
                    (seen.OuterAgain is null
                        ? "Dispose set the id to null instead of restoring the outer one: Begin must remember the value it replaces, and Dispose put that value back."
                        : seen.OuterAgain == inner
                        ? "Dispose did not end the scope: it must put back the value Begin replaced."
                        : "Dispose must put back the value that was current when Begin was called."));
                Expect.That(seen.After is null,
                    $"After the outer scope ended, RequestId read {Show(seen.After)}: Dispose should have brought back what was there before it began (nothing).");
            }),
            new("20 concurrent requests, each in its own scope, read their own id after awaiting together; a request outside any scope reads null meanwhile", async (context, token) =>
            {
                const int count = 20;
                var allSet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var set = 0;
                async Task<(string Id, string? Seen)> Request(int n)
                {
                    var id = NewRequestId() + "-" + n;
                    using (context.Begin(id))
                    {
                        if (Interlocked.Increment(ref set) == count)
                        {
                            allSet.SetResult();
                        }
                        await allSet.Task.WaitAsync(token); // every request has begun its scope before any reads it back
                        await Task.Yield();
                        var seen = context.RequestId;
                        await Task.Yield();
                        return (id, seen);
                    }
                }
                async Task<string?> Bystander()
                {
                    await allSet.Task.WaitAsync(token);
                    return context.RequestId;
                }
                var requests = Enumerable.Range(1, count).Select(n => Task.Run(() => Request(n), token)).ToArray();
                var bystander = Task.Run(Bystander, token);
                var results = await Task.WhenAll(requests).WaitAsync(token);
                var bystanderSaw = await bystander.WaitAsync(token);
                var wrong = results.Where(r => r.Seen != r.Id).ToList();
                var oneSlot = (wrong.Count > 0 || bystanderSaw is not null) && IsOneSlotForEverybody(context);
                var perThread = !oneSlot && wrong.Count > 0 && IsKeptPerThread(context);
                var cause = oneSlot
                    ? "Every flow reads the same slot, and the last request to begin a scope wins: one slot for everybody (a field or a static). "
                    : perThread
                    ? "After the await each request went on on whichever pool thread was free and read what that thread held: a value kept per thread " +
                      "(ThreadLocal, [ThreadStatic]) belongs to a thread, not to a request. "
                    : "";
                Expect.That(wrong.Count == 0,
                    $"{wrong.Count} of {count} concurrent requests read someone else's id (or none): for example, \"{wrong.FirstOrDefault().Id}\" read {Show(wrong.FirstOrDefault().Seen)}. " +
                    cause + "Each request needs its own value, in its own asynchronous flow: AsyncLocal<string?>.");
                Expect.That(bystanderSaw is null,
                    $"A request that began no scope read {Show(bystanderSaw)} while {count} others had theirs open: it saw another request's id. " +
                    (cause.Length > 0 ? cause : "A value must not leave the flow that set it (no fallback to the last id anybody set). ") +
                    "Keep the id in an AsyncLocal<string?> only.");
            }),
            new("a child task that begins its own scope does not change its parent's id, while its scope is open or after", async (context, token) =>
            {
                var parentId = NewRequestId();
                var childId = NewRequestId();
                var childBegan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var parentRead = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                async Task<(string? ParentDuring, string? ChildOwn, string? ParentAfter)> Parent()
                {
                    using (context.Begin(parentId))
                    {
                        var child = Task.Run(async () =>
                        {
                            using (context.Begin(childId))
                            {
                                childBegan.SetResult();
                                await parentRead.Task.WaitAsync(token);
                                return context.RequestId;
                            }
                        }, token);
                        await childBegan.Task.WaitAsync(token);
                        var during = context.RequestId;
                        parentRead.SetResult();
                        var childOwn = await child;
                        return (during, childOwn, context.RequestId);
                    }
                }
                var seen = await Task.Run(Parent, token).WaitAsync(token);
                Expect.That(seen.ChildOwn == childId,
                    $"A child task began a scope with \"{childId}\" and read {Show(seen.ChildOwn)}: inside its own scope it should read its own id.");
                Expect.That(seen.ParentDuring == parentId && seen.ParentAfter == parentId,
                    $"The parent's scope is \"{parentId}\". While its child task's scope (\"{childId}\") was open the parent read {Show(seen.ParentDuring)}, " +
                    $"and after the child ended {Show(seen.ParentAfter)}: the child's scope reached its parent. " +
                    (IsOneSlotForEverybody(context)
                        ? "One slot for everybody: the child's Begin replaced the parent's id. "
                        : "An AsyncLocal copies on write only when its .Value is set: an object kept in it and changed in place (a StrongBox, a holder class) " +
                          "is shared by every flow that holds it. Set .Value to the new id instead. ") +
                    "A child's AsyncLocal changes stay in the child's flow.");
            }),
        ]);

    /// <summary>
    /// 02.3: process a batch with at most N items in flight at once. The check holds every item on a gate and lets
    /// them finish one at a time, so it sees exactly how many run together without measuring time.
    /// </summary>
    public static Exercise<Func<IReadOnlyList<int>, int, Func<int, Task>, Task>> BoundedBatch { get; } = new(
        id: "02.3",
        title: "Bound the concurrency of a batch job",
        hint: """
            Section 7 of the notebook measured the tools for "at most N at once" on 20 jobs: pick one of the first two.
            Whichever you pick, wait for a free slot with await, never with a blocking call (.Wait(), .Result, a
            synchronous Wait on a semaphore): a blocked thread can do nothing else meanwhile, and on an event loop it is the
            only thread there is. No timeout on that wait (it returns false when it gives up, and the item would run without
            a slot), and no Task.Run: process(item) is asynchronous already, as 02.1's services were. Chunks of maxInFlight
            items (Task.WhenAll per chunk) are not enough: a whole chunk then waits for its slowest item while slots stand empty. An item can throw: give its slot back in a finally block, and
            let its exception reach your caller.
            """,
        answers: ExerciseAnswers.Load("02.3"),
        cases:
        [
            new("12 items, at most 3 in flight: always 3 going until the end, never 4", (answer, token) => BatchCaseAsync(answer, items: 12, limit: 3, token)),
            new("10 items, at most 5 in flight", (answer, token) => BatchCaseAsync(answer, items: 10, limit: 5, token)),
            new("4 items, at most 1 in flight (one after another)", (answer, token) => BatchCaseAsync(answer, items: 4, limit: 1, token)),
            new("2 items, at most 5 in flight (both at once)", (answer, token) => BatchCaseAsync(answer, items: 2, limit: 5, token)),
            new("5 items, at most 1 in flight, item 2 throws: its slot is freed and the exception reaches the caller",
                (answer, token) => BatchCaseAsync(answer, items: 5, limit: 1, token, failing: 2)),
            new("6 items, at most 3 in flight, item 2 throws: the exception reaches the caller only when no item is in flight any more",
                (answer, token) => BatchCaseAsync(answer, items: 6, limit: 3, token, failing: 2)),
        ],
        caseTimeLimit: TimeSpan.FromSeconds(20));

    /// <summary>The exercises of notebook 02, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [ConcurrentAwaits, RequestIdFlow, BoundedBatch];

    /// <summary>
    /// Runs the learner's FetchAll on the course's single-threaded <see cref="EventLoop"/> against services that answer on a
    /// fake clock, and checks concurrency, blocking, order and failures. Every service records the thread that called it:
    /// a correct answer calls them all on the loop's thread before any time passes. A service's task completes with
    /// continuations that run asynchronously, so the learner's code never runs on the check's own thread when time moves.
    /// </summary>
    private static async Task FetchAllCaseAsync(Func<Func<Task<string>>[], Task<string[]>> answer, (string Name, int Milliseconds)[] services,
        CancellationToken token, string? failing = null)
    {
        var time = new FakeTimeProvider();
        var loop = new EventLoop();
        var calls = new ConcurrentQueue<ServiceCall>();
        // A timer nobody references is collected and never fires (FakeTimeProvider's timers, like real ones, have a
        // finalizer): the check holds every service's timer until the case is over.
        var timers = new ConcurrentQueue<ITimer>();
        Func<Task<string>> Service(string name, int milliseconds) => () =>
        {
            calls.Enqueue(new ServiceCall(name, Thread.CurrentThread));
            // Completed by the clock thread, inline: whatever the answer posts to the loop is queued before Advance returns.
            var reply = new TaskCompletionSource<string>();
            timers.Enqueue(time.CreateTimer(_ =>
            {
                if (name == failing)
                {
                    reply.TrySetException(new InvalidOperationException($"the {name} service is down"));
                }
                else
                {
                    reply.TrySetResult($"{name} data");
                }
            }, null, TimeSpan.FromMilliseconds(milliseconds), Timeout.InfiniteTimeSpan));
            return reply.Task;
        };
        // The answer is called on the loop's one thread, and the call itself must come back with a Task while no (fake)
        // time has passed: an answer that blocks (.Result, .Wait(), GetAwaiter().GetResult()) holds the loop until then.
        var returned = new TaskCompletionSource<Task<string[]>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopLoop = new CancellationTokenSource();
        var loopRun = loop.RunAsync(() =>
        {
            Task<string[]> task;
            try
            {
                task = answer([.. services.Select(s => Service(s.Name, s.Milliseconds))]) ?? Task.FromResult<string[]>(null!);
            }
            catch (Exception error)
            {
                returned.TrySetException(error);
                return Task.CompletedTask;
            }
            returned.TrySetResult(task);
            return task;
        }, stopLoop.Token);
        _ = loopRun.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        Task<string[]>? run = null;
        var described = string.Join(", ", services.Select(s => $"{s.Name} {s.Milliseconds} ms"));
        try
        {
            var callReturned = await WaitUntilAsync(() => returned.Task.IsCompleted, token);
            Expect.That(callReturned,
                $"Services ({described}): {calls.Count} of {services.Length} had been called, but your method did not return to its caller while no time passed: " +
                "it blocked the caller's thread waiting for an answer (.Result, .Wait(), Task.WaitAll or GetAwaiter().GetResult()). " +
                "An async method should return an unfinished Task at its first await. Use await.");
            run = await returned.Task; // a synchronous exception of the answer is its own error
            var allStarted = await WaitUntilAsync(() => calls.Count >= services.Length || run.IsCompleted, token)
                && calls.Count >= services.Length;
            await ExpectNoBlockedCallerAsync(calls, loop, token);
            if (run.IsFaulted && !allStarted)
            {
                await run; // the answer's own exception (NotImplementedException for the starter)
            }
            Expect.That(calls.Count > 0 || !run.IsCompleted,
                $"Services ({described}): your method returned {Show(run.IsCompletedSuccessfully ? run.Result : null)} without calling any service. Call every service, then await their answers.");
            Expect.That(allStarted,
                $"Services ({described}): only {calls.Count} of {services.Length} had been called while no time passed. " +
                "Your code waits for one service before it calls the next, so the waits add up. Call them all first, then await them together.");
            if (run.IsFaulted)
            {
                await run; // the answer's own exception
            }
            Expect.That(!run.IsCompleted,
                $"Services ({described}): your method's Task had finished before any service could answer (no time had passed). Await the services' tasks.");

            var longest = TimeSpan.FromMilliseconds(services.Max(s => s.Milliseconds));
            // Time moves from one service's answer to the next, and the loop runs what each answer set off before the next:
            // an answer that collects results as they come sees them in the order they finish.
            var now = TimeSpan.Zero;
            foreach (var due in services.Select(s => TimeSpan.FromMilliseconds(s.Milliseconds)).Distinct().Order())
            {
                await AdvanceAsync(time, due - now, loop, loopRun, token);
                now = due;
            }
            var finished = await WaitUntilAsync(() => run.IsCompleted || calls.Count > services.Length, token) && run.IsCompleted;
            Expect.That(calls.Count <= services.Length,
                $"Services ({described}): after every service had answered, your method called {calls.Skip(services.Length).FirstOrDefault()?.Name ?? "a service"} again. " +
                "A LINQ query such as services.Select(s => s()) is lazy: every enumeration (Task.WhenAll, another Select, a foreach) calls every service again. " +
                "Make it an array once (.ToArray()), then await that array and read its results.");
            Expect.That(finished,
                $"Services ({described}): every service had answered after {longest.TotalMilliseconds:0} ms of (fake) time, but your method had not returned. " +
                "Does it wait for something else?");

            if (failing is not null)
            {
                var error = run.Exception?.InnerExceptions.FirstOrDefault();
                Expect.That(error is InvalidOperationException { Message: var message } && message.Contains(failing, StringComparison.Ordinal),
                    run.IsCompletedSuccessfully
                        ? $"The {failing} service failed, but your method returned normally ({Show(run.Result)}). Let the exception reach the caller: await Task.WhenAll(...) rethrows it."
                        : error is AggregateException
                        ? $"The {failing} service failed with InvalidOperationException, but your method failed with an AggregateException around it " +
                          $"({error.Message}): reading .Result or calling .Wait() wraps the exception, as in a ContinueWith that reads each task's .Result. " +
                          "Unwrap: await the tasks, don't read .Result in a continuation."
                        : $"The {failing} service failed with InvalidOperationException, but your method failed with {error?.GetType().Name}: {error?.Message}");
                return;
            }
            var results = await run;
            var expected = services.Select(s => $"{s.Name} data").ToArray();
            Expect.That(results is not null && results.SequenceEqual(expected),
                $"Services ({described}): expected the results in the order of the services, {Show(expected)}, but got {Show(results)}." +
                (results is not null && results.Order().SequenceEqual(expected.Order()) ? " (Task.WhenAll keeps the order of the tasks you pass it; the order they finished in does not matter.)" : ""));
            Expect.Equal(services.Length, calls.Count, "the number of service calls");
        }
        finally
        {
            // A sequential or blocking answer is still waiting on the fake clock: let it run out, so nothing is left behind.
            bool StillWaiting() => !returned.Task.IsCompleted || (returned.Task.IsCompletedSuccessfully && !returned.Task.Result.IsCompleted);
            for (var i = 0; i <= 2 * services.Length + 1 && StillWaiting(); i++)
            {
                await AdvanceAsync(time, TimeSpan.FromHours(1), loop, loopRun, CancellationToken.None);
            }
            stopLoop.Cancel(); // the loop ends by itself when the answer's task completes; this ends a loop that waits for ever
            foreach (var timer in timers)
            {
                timer.Dispose();
            }
        }
    }

    /// <summary>
    /// Moves the fake clock on a thread of its own (the answer's code that runs inline when a service answers never runs
    /// on the check's thread, and cannot hang it), then waits until the loop has run everything queued meanwhile, or has
    /// ended (<paramref name="loopRun"/>: the answer's task completed, and the loop drops what is still queued).
    /// </summary>
    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by, EventLoop loop, Task loopRun, CancellationToken token)
    {
        var moved = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = new Thread(() =>
        {
            try
            {
                time.Advance(by);
                moved.TrySetResult();
            }
            catch (Exception error)
            {
                moved.TrySetException(error);
            }
        }) { IsBackground = true, Name = "02.1 clock" };
        clock.Start();
        if (await Task.WhenAny(moved.Task, Task.Delay(s_patience, token)) != moved.Task)
        {
            return; // the answer blocked the clock thread (a continuation that waits synchronously): the next checks say what is missing
        }
        var drained = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            loop.Post(() => drained.TrySetResult()); // the loop runs callbacks in order: this one runs after the answer's
        }
        catch (InvalidOperationException)
        {
            return; // the loop has shut down: the answer's task completed
        }
        await Task.WhenAny(drained.Task, loopRun, Task.Delay(TimeSpan.FromSeconds(2), token)); // a loop the answer blocks never gets there
    }

    /// <summary>A call of one of 02.1's services: which service, on which thread.</summary>
    private sealed record ServiceCall(string Name, Thread Thread);

    /// <summary>The first service call made on a thread other than the loop's, or null.</summary>
    private static ServiceCall? OffTheLoop(IEnumerable<ServiceCall> calls, EventLoop loop) => calls.FirstOrDefault(c => c.Thread.ManagedThreadId != loop.LoopThreadId);

    /// <summary>
    /// Fails when services were called on threads other than the loop's. The services are asynchronous I/O: a correct
    /// answer calls each one itself, on the thread that called it. A call handed to the pool (Task.Run, Parallel.For,
    /// PLINQ) spends a pool thread on starting something that needs none; one that then waits with
    /// GetAwaiter().GetResult() holds that thread for the whole call (seen blocked twice, 50 ms apart), and is told so.
    /// </summary>
    private static async Task ExpectNoBlockedCallerAsync(IReadOnlyCollection<ServiceCall> calls, EventLoop loop, CancellationToken token)
    {
        if (OffTheLoop(calls, loop) is null)
        {
            return;
        }
        // The answer fails either way; which message it gets depends on whether a caller thread blocks.
        var blocked = await SeenBlockedAsync(calls.Where(c => c.Thread.ManagedThreadId != loop.LoopThreadId), c => c.Thread, token);
        if (blocked is [var call, ..])
        {
            throw new CheckFailedException(
                $"The {call.Name} service was called on {(call.Thread.IsThreadPoolThread ? "thread-pool thread" : "thread")} {call.Thread.ManagedThreadId}, not by your method itself, " +
                "and that thread then sat blocked waiting for the answer: Task.Run, Parallel.For or PLINQ gave the call a thread of its own, and .Result, .Wait() or " +
                "GetAwaiter().GetResult() holds it for the whole call — one blocked thread per service. A call that waits needs no thread: " +
                "call each service directly (service()) and await the tasks together.");
        }
        var detour = OffTheLoop(calls, loop)!;
        throw new CheckFailedException(
            $"The {detour.Name} service was called on {(detour.Thread.IsThreadPoolThread ? "thread-pool thread" : "thread")} {detour.Thread.ManagedThreadId}, not by your method " +
            "on the thread that called it: Task.Run (or Parallel, PLINQ, Task.Factory.StartNew) handed each call to the pool. The services are asynchronous I/O — " +
            "calling one sends the request and returns a Task at once — so that pool thread is spent on starting work that needs no thread, and on a busy server " +
            "the requests queue for those threads. Call each service directly (service()), keep the tasks, and await them together.");
    }

    /// <summary>
    /// Runs the learner's RunBatch on the course's single-threaded <see cref="EventLoop"/> with gated items released one at
    /// a time, and checks the number in flight at every step. A correct answer returns to its caller at its first await, so
    /// a blocking wait in the method itself (SemaphoreSlim.Wait(), .Wait()) holds the loop and is seen where it happens.
    /// An item started on another thread records that thread; while the items are held, a starter thread that sits in a
    /// synchronous wait (Task.Run or Parallel.ForEach around .Wait() or SemaphoreSlim.Wait()) is seen blocked, while
    /// Parallel.ForEachAsync's workers have gone back to the pool. Before the run the answer's IL is read for a timed
    /// semaphore wait whose result is dropped, after it for a hand-off to the pool (<see cref="BatchAnswerCode"/>).
    /// </summary>
    /// With <paramref name="failing"/> set, that item throws when released: the answer may go on with the other items (the
    /// freed slot starts the next) or stop starting them, but it must not lose the slot, must end by throwing the item's exception,
    /// and must not end while an item it started is still running (the number in flight is read as the answer's task completes).
    private static async Task BatchCaseAsync(Func<IReadOnlyList<int>, int, Func<int, Task>, Task> answer, int items, int limit, CancellationToken token, int failing = 0)
    {
        // Read before the run: a wait that gives up after its timeout would show only on a machine slow enough to reach it.
        var code = BatchAnswerCode.Of(answer);
        Expect.That(!code.IgnoresAWaitThatGaveUp,
            "Your method waits for a slot with a timeout (SemaphoreSlim.WaitAsync(timeout) or Wait(timeout)) and ignores the bool it returns. " +
            "WaitAsync(timeout) returns false when it gives up: an item that goes on anyway runs without a slot, and its Release adds one, " +
            "so every slow item raises the bound for good. Wait without a timeout (await semaphore.WaitAsync()), or act on false (if (!await ...) throw).");
        await BatchScheduleAsync(answer, items, limit, token, failing);
        // Read after the run: an answer that blocks a pool thread has been told so above, which says more.
        Expect.That(!code.HandsWorkToThePool,
            "The bound held, but your method hands work to the thread pool (Task.Run, Task.Factory.StartNew): " +
            "each item, or the loop, gets a thread of its own to start asynchronous I/O that needs none — the mistake of 02.1. process(item) returns a Task " +
            "at once: call it directly, and bound it with await semaphore.WaitAsync() or Parallel.ForEachAsync (whose few pool workers are the bound itself).");
    }

    /// <summary>The schedule of one 02.3 case: see <see cref="BatchCaseAsync"/>.</summary>
    private static async Task BatchScheduleAsync(Func<IReadOnlyList<int>, int, Func<int, Task>, Task> answer, int items, int limit, CancellationToken token, int failing)
    {
        var failure = new InvalidOperationException($"item {failing}: the downstream API answered 503");
        var gates = new ConcurrentQueue<(int Item, TaskCompletionSource Gate)>();
        var calls = new ConcurrentDictionary<int, int>();
        var offTheLoop = new ConcurrentQueue<(int Item, Thread Thread)>();
        var loop = new EventLoop();
        int inFlight = 0, peak = 0, started = 0, inFlightAtEnd = -1;
        async Task Process(int item)
        {
            if (Environment.CurrentManagedThreadId != loop.LoopThreadId)
            {
                offTheLoop.Enqueue((item, Thread.CurrentThread));
            }
            var now = Interlocked.Increment(ref inFlight);
            for (var seen = Volatile.Read(ref peak); now > seen; seen = Volatile.Read(ref peak))
            {
                if (Interlocked.CompareExchange(ref peak, now, seen) == seen)
                {
                    break;
                }
            }
            calls.AddOrUpdate(item, 1, (_, n) => n + 1);
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gates.Enqueue((item, gate));
            Interlocked.Increment(ref started);
            try
            {
                await gate.Task.WaitAsync(token).ConfigureAwait(false); // the check's own bookkeeping never waits for the loop
                if (item == failing)
                {
                    throw failure;
                }
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
        var list = Enumerable.Range(1, items).ToArray();
        var returned = new TaskCompletionSource<Task>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stopLoop = new CancellationTokenSource();
        var loopRun = loop.RunAsync(() =>
        {
            Task task;
            try
            {
                task = answer(list, limit, Process) ?? Task.CompletedTask;
            }
            catch (Exception error)
            {
                returned.TrySetException(error);
                return Task.CompletedTask;
            }
            // Read the number in flight at the moment the answer's task completes, on the thread that completes it.
            _ = task.ContinueWith(_ => Volatile.Write(ref inFlightAtEnd, Volatile.Read(ref inFlight)), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            returned.TrySetResult(task);
            return task;
        }, stopLoop.Token);
        _ = loopRun.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
        var batch = returned.Task.Unwrap();
        var released = 0;

        // After the failing item threw, the answer may go on with the other items or stop starting them. The check holds the
        // items still in flight until the answer has reacted to the failure (it returned, or started another item, or filled
        // its slots again, or half a second passed), then lets them finish one at a time, until the answer returns.
        async Task AfterTheFailureAsync()
        {
            var reacting = true;
            while (true)
            {
                var startedBefore = Volatile.Read(ref started);
                if (gates.IsEmpty)
                {
                    // Nothing in flight: the answer must return (with the error) or start another item.
                    var moved = await WaitUntilAsync(() => batch.IsCompleted || Volatile.Read(ref started) > startedBefore, token);
                    Expect.That(moved,
                        $"{items} items, at most {limit} at once: item {failing} threw, and then no other item started and your method did not return — " +
                        "the slot that item held was never given back, so the rest wait for it forever. Release the slot in a finally block " +
                        "(try { await process(item); } finally { semaphore.Release(); }), so that an item that throws frees it too.");
                }
                else if (reacting)
                {
                    var window = Math.Min(limit, items - released);
                    await WaitUntilAsync(() => batch.IsCompleted || Volatile.Read(ref started) > startedBefore || Volatile.Read(ref started) - released >= window,
                        TimeSpan.FromMilliseconds(500), token);
                    reacting = false;
                }
                Expect.That(Volatile.Read(ref peak) <= limit,
                    $"{items} items, at most {limit} at once: {Volatile.Read(ref peak)} items were in flight at the same time.");
                Expect.That(calls.Values.All(n => n == 1),
                    $"{items} items: after item {failing} threw, your method processed item {calls.FirstOrDefault(c => c.Value > 1).Key} again. Process every item at most once.");
                if (batch.IsCompleted)
                {
                    ExpectFailureReported(batch, failure, items, failing);
                    var stillRunning = await WaitUntilAsync(() => Volatile.Read(ref inFlightAtEnd) >= 0, token) ? Volatile.Read(ref inFlightAtEnd) : 0;
                    Expect.That(stillRunning == 0,
                        $"{items} items, at most {limit} at once: item {failing} threw, and your method returned (with the error) while {stillRunning} " +
                        $"other item{(stillRunning == 1 ? " was" : "s were")} still running: wait for the items in flight before letting the exception out " +
                        "(await Task.WhenAll of the tasks still running, or use Parallel.ForEachAsync, which does). Otherwise the caller retries or reports " +
                        "while your items still call the API, and their own failures are never seen.");
                    return; // it went on, or stopped starting items after the failure, and said so: both are allowed
                }
                if (gates.TryDequeue(out var next))
                {
                    next.Gate.SetResult();
                    released++;
                }
            }
        }

        try
        {
            while (released < items)
            {
                var window = Math.Min(limit, items - released);
                var full = await WaitUntilAsync(() => Volatile.Read(ref started) - released >= window || batch.IsCompleted, token);
                if (batch.IsFaulted)
                {
                    await batch; // the answer's own exception (NotImplementedException for the starter)
                }
                if (released == 0)
                {
                    // A correct answer returns at its first await, right after it has started the first items; when the items
                    // did not even start, the patience has been spent already.
                    var callReturned = returned.Task.IsCompleted
                        || await WaitUntilAsync(() => returned.Task.IsCompleted, full ? s_patience : TimeSpan.FromMilliseconds(200), token);
                    Expect.That(callReturned,
                        $"{items} items, at most {limit} at once: {Volatile.Read(ref started)} item(s) had started, but your method did not return to its caller: " +
                        "it blocked the caller's thread while it waited (SemaphoreSlim.Wait(), .Wait(), .Result or GetAwaiter().GetResult()) — here the event loop's only thread, " +
                        "so nothing else could run, not even the items it waited for. Wait without blocking: await semaphore.WaitAsync(), or await Parallel.ForEachAsync.");
                }
                Expect.That(full && Volatile.Read(ref started) - released >= window,
                    released == 0
                        ? $"{items} items, at most {limit} at once: only {Volatile.Read(ref started)} item(s) had started, although {window} may run together. " +
                          $"Start {(window == items ? (items == 2 ? "both" : $"all {items}") : window.ToString(System.Globalization.CultureInfo.InvariantCulture))} before waiting for any to finish."
                        : $"{items} items, at most {limit} at once: after {released} item(s) finished, only {Volatile.Read(ref started) - released} were in flight, not {window}. " +
                          "Start the next item as soon as any one finishes (a chunk of items that waits for its slowest leaves slots empty).");
                if (released == 0)
                {
                    await Task.Delay(100, token); // room for an unbounded answer to start more than it should
                    await ExpectNoBlockedStarterAsync(offTheLoop, token);
                }
                Expect.That(Volatile.Read(ref peak) <= limit,
                    $"{items} items, at most {limit} at once: {Volatile.Read(ref peak)} items were in flight at the same time.");
                Expect.That(!batch.IsCompleted,
                    $"{items} items: your method returned while {items - released} item(s) had not finished. Await them all before returning.");
                gates.TryDequeue(out var next);
                next.Gate.SetResult();
                released++;
                if (next.Item == failing)
                {
                    await AfterTheFailureAsync();
                    return;
                }
            }
            var done = await WaitUntilAsync(() => batch.IsCompleted, token);
            Expect.That(done, $"{items} items: every item finished, but your method did not return.");
            if (failing > 0)
            {
                ExpectFailureReported(batch, failure, items, failing);
            }
            else
            {
                await batch;
            }
            Expect.That(calls.Count == items && calls.Values.All(n => n == 1),
                $"{items} items: every item should be processed exactly once, but {(calls.Count < items ? $"{items - calls.Count} were never processed" : "some were processed more than once")}.");
            Expect.Equal(Math.Min(limit, items), Volatile.Read(ref peak), "the most items in flight at once");
        }
        finally
        {
            while (gates.TryDequeue(out var rest))
            {
                rest.Gate.TrySetResult();
            }
            if (!batch.IsCompleted)
            {
                // An answer that blocked the loop may never come back (what it waits for needs the loop): stop pumping.
                await WaitUntilAsync(() => batch.IsCompleted, TimeSpan.FromMilliseconds(500), CancellationToken.None);
                stopLoop.Cancel();
            }
        }
    }

    /// <summary>Fails unless the finished batch threw the failing item's exception (as thrown, or inside an AggregateException).</summary>
    private static void ExpectFailureReported(Task batch, Exception failure, int items, int failing)
    {
        static IEnumerable<Exception> Causes(Exception e) =>
            e is AggregateException many ? many.InnerExceptions.SelectMany(Causes) : e.InnerException is null ? [e] : [e, .. Causes(e.InnerException)];
        Expect.That(!batch.IsCompletedSuccessfully,
            $"{items} items: item {failing} threw, but your method returned normally: the failure was lost (a Task that Task.WhenAny handed back, " +
            "or a catch, dropped it). The caller must learn that an item failed: await every item's task, or let the exception out.");
        Expect.That(batch.Exception is { } error && Causes(error).Contains(failure),
            $"{items} items: item {failing} threw \"{failure.Message}\", but your method ended with another error: " +
            $"{batch.Exception?.InnerException?.GetType().Name ?? "cancelled"}. Let the item's own exception reach the caller.");
    }

    /// <summary>
    /// Fails when a thread other than the loop's that started an item is blocked in a synchronous wait while the items are
    /// held (seen blocked twice, 50 ms apart, so a thread that only passes through a wait is not blamed). Such a thread may
    /// still be on its way to the wait when a loaded machine has not run it yet, so it is watched for up to a second.
    /// </summary>
    private static async Task ExpectNoBlockedStarterAsync(ConcurrentQueue<(int Item, Thread Thread)> offTheLoop, CancellationToken token)
    {
        if (offTheLoop.IsEmpty)
        {
            return;
        }
        var blocked = await SeenBlockedAsync(offTheLoop.DistinctBy(s => s.Thread.ManagedThreadId), s => s.Thread, token);
        if (blocked.Count > 0)
        {
            var (item, thread) = blocked[0];
            throw new CheckFailedException(
                $"Item {item} was started on {(thread.IsThreadPoolThread ? "thread-pool thread" : "thread")} {thread.ManagedThreadId}, and while the items were in flight " +
                $"{(blocked.Count == 1 ? "that thread sat" : $"{blocked.Count} such threads sat")} blocked in a synchronous wait (.Wait(), .Result, SemaphoreSlim.Wait()): " +
                "the work got a thread of its own (from Task.Run, Parallel.ForEach or a pool worker), and the wait holds that thread for as long as the item runs — n items in flight, n blocked threads. " +
                "Waiting for an item needs no thread: await it, with SemaphoreSlim.WaitAsync or Parallel.ForEachAsync.");
        }
    }

    /// <summary>
    /// The <paramref name="suspects"/> whose thread is seen blocked in a synchronous wait (WaitSleepJoin) twice, 50 ms
    /// apart, so a thread that only passes through a wait is not blamed; empty when none is. A loaded machine may not have
    /// run such a thread to its wait yet, so they are watched for up to a second (only a failing answer waits that long).
    /// <paramref name="suspects"/> is enumerated afresh at each look: a live collection shows threads that start late.
    /// </summary>
    private static async Task<IReadOnlyList<T>> SeenBlockedAsync<T>(IEnumerable<T> suspects, Func<T, Thread> threadOf, CancellationToken token)
    {
        static bool Blocked(Thread thread) => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0;
        var start = TimeProvider.System.GetTimestamp();
        while (TimeProvider.System.GetElapsedTime(start) < TimeSpan.FromSeconds(1))
        {
            var once = suspects.Where(s => Blocked(threadOf(s))).ToList();
            await Task.Delay(50, token);
            var twice = once.Where(s => Blocked(threadOf(s))).ToList();
            if (twice.Count > 0)
            {
                return twice;
            }
        }
        return [];
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (true) or the patience runs out (false).</summary>
    private static Task<bool> WaitUntilAsync(Func<bool> condition, CancellationToken token) => WaitUntilAsync(condition, s_patience, token);

    /// <summary>Polls <paramref name="condition"/> until it holds (true) or <paramref name="patience"/> runs out (false).</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, TimeSpan patience, CancellationToken token)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > patience)
            {
                return false;
            }
            await Task.Delay(5, token);
        }
        return true;
    }

    /// <summary>
    /// True when an id begun on one thread is read on another thread that shares no asynchronous flow with it (both
    /// started without the caller's execution context): the context keeps one slot for everybody, not one per thread or flow.
    /// </summary>
    private static bool IsOneSlotForEverybody(IRequestContext context)
    {
        var probe = NewRequestId();
        string? read = null;
        IDisposable? scope = null;
        try
        {
            var writer = new Thread(() => scope = context.Begin(probe)) { IsBackground = true, Name = "02.2 probe writer" };
            writer.UnsafeStart();
            writer.Join();
            var reader = new Thread(() => read = context.RequestId) { IsBackground = true, Name = "02.2 probe reader" };
            reader.UnsafeStart();
            reader.Join();
            var closer = new Thread(() => scope?.Dispose()) { IsBackground = true, Name = "02.2 probe closer" };
            closer.UnsafeStart();
            closer.Join();
        }
        catch (Exception)
        {
            return false; // a context that throws on a plain thread is judged by the other cases
        }
        return read == probe;
    }

    private static readonly AsyncLocal<int> s_probeMarker = new();

    /// <summary>
    /// True when the context keeps its id per thread: on one thread, an id begun in one execution context is read in
    /// another (an AsyncLocal's value stays in the context that set it; a ThreadLocal's stays with the thread).
    /// </summary>
    private static bool IsKeptPerThread(IRequestContext context)
    {
        if (IsOneSlotForEverybody(context))
        {
            return false;
        }
        var probe = NewRequestId();
        string? read = null;
        try
        {
            var thread = new Thread(() =>
            {
                s_probeMarker.Value = 1;
                var before = ExecutionContext.Capture()!; // a context of its own, without the id
                using (context.Begin(probe))
                {
                    ExecutionContext.Run(before, _ => read = context.RequestId, null);
                }
            }) { IsBackground = true, Name = "02.2 probe" };
            thread.UnsafeStart();
            thread.Join();
        }
        catch (Exception)
        {
            return false;
        }
        return read == probe;
    }

    private static string NewRequestId() => "req-" + Guid.NewGuid().ToString("N")[..8];

    private static string Show(string? value) => value is null ? "null" : $"\"{value}\"";

    private static string Show(string[]? values) => values is null ? "null" : "[" + string.Join(", ", values.Select(v => Show(v))) + "]";
}
