using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Course.Exercises;

/// <summary>Where exercise 02.2's answer keeps the current request's id.</summary>
public interface IRequestIdHolder
{
    /// <summary>The id of the request whose code is running now, or null when none was set in this flow.</summary>
    string? RequestId { get; set; }
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
            await only waits for it. So first call every service and keep the tasks, then wait for all of them
            together — with await, never with .Result, .Wait() or GetAwaiter().GetResult(), which block the thread. Task.WhenAll takes tasks and gives you their results as an array, in the order of the tasks
            you passed — not the order they finished in — and rethrows an exception if one of them failed.
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
    /// 02.2: keep the current request's id where it follows the request across <c>await</c>s and into
    /// <c>Task.Run</c>, whichever thread the code resumes on, and where concurrent requests do not see each other's.
    /// </summary>
    public static Exercise<IRequestIdHolder> RequestIdFlow { get; } = new(
        id: "02.2",
        title: "Carry a request id with AsyncLocal",
        hint: """
            A field is shared by every request running at the same time; a ThreadLocal<T> (or [ThreadStatic]) belongs
            to a thread, and after an await the method may go on on another thread. You need storage that belongs to
            the asynchronous flow. Section 8 of the notebook compared the candidates side by side: which one kept the
            request's id after the await, inside Task.Run, and on the event loop?
            """,
        answers: ExerciseAnswers.Load("02.2"),
        cases:
        [
            new("set on the request's thread, then after an await (on another thread) and inside Task.Run: still the same id", async (holder, token) =>
            {
                var id = NewRequestId();
                int startThread = 0, resumeThread = 0;
                string? afterAwait = null, insideTaskRun = null;
                async Task Request()
                {
                    holder.RequestId = id;
                    startThread = Environment.CurrentManagedThreadId;
                    await Task.Delay(20, token).ConfigureAwait(false); // resumes on a thread-pool thread: never the request's own thread
                    resumeThread = Environment.CurrentManagedThreadId;
                    afterAwait = holder.RequestId;
                    insideTaskRun = await Task.Run(() => holder.RequestId, token).ConfigureAwait(false);
                }
                Task? request = null;
                var thread = new Thread(() => request = Request()) { IsBackground = true, Name = "request 02.2" };
                thread.Start();
                thread.Join();
                await request!.WaitAsync(token);
                Expect.That(afterAwait == id,
                    $"The request set RequestId = \"{id}\" on thread {startThread}, awaited, resumed on thread {resumeThread} and read {Show(afterAwait)}. " +
                    "The value stayed behind: it was kept per thread (or not kept). Use AsyncLocal<string?>, which flows with the async method, not the thread.");
                Expect.That(insideTaskRun == id,
                    $"Inside Task.Run the request read {Show(insideTaskRun)} instead of \"{id}\": the value should flow into work the request starts.");
            }),
            new("20 concurrent requests, each with its own id, read their own id after awaiting together", async (holder, token) =>
            {
                const int count = 20;
                var allSet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var set = 0;
                async Task<(string Id, string? Seen)> Request(int n)
                {
                    var id = NewRequestId() + "-" + n;
                    holder.RequestId = id;
                    if (Interlocked.Increment(ref set) == count)
                    {
                        allSet.SetResult();
                    }
                    await allSet.Task.WaitAsync(token); // every request has set its id before any reads it back
                    await Task.Yield();
                    return (id, holder.RequestId);
                }
                var results = await Task.WhenAll(Enumerable.Range(1, count).Select(n => Task.Run(() => Request(n), token))).WaitAsync(token);
                var wrong = results.Where(r => r.Seen != r.Id).ToList();
                Expect.That(wrong.Count == 0,
                    $"{wrong.Count} of {count} concurrent requests read someone else's id (or none): for example, \"{wrong.FirstOrDefault().Id}\" read {Show(wrong.FirstOrDefault().Seen)}. " +
                    "A plain field is one slot for everybody, and the last request to write wins. Each request needs its own value: AsyncLocal<string?>.");
            }),
            new("a callee that sets its own id does not change its caller's", async (holder, token) =>
            {
                var outer = NewRequestId();
                var inner = NewRequestId();
                async Task Callee()
                {
                    holder.RequestId = inner;
                    await Task.Yield();
                }
                async Task<string?> Caller()
                {
                    holder.RequestId = outer;
                    await Callee();
                    return holder.RequestId;
                }
                var seen = await Task.Run(Caller, token).WaitAsync(token);
                Expect.That(seen == outer,
                    $"The caller set \"{outer}\", awaited a method that set \"{inner}\", and then read {Show(seen)}. " +
                    "With AsyncLocal, a change made inside an async method stays in that method's flow and does not leak back to its caller.");
            }),
            new("a request that sets nothing reads null, even after other requests set theirs", async (holder, token) =>
            {
                await Task.Run(() => { holder.RequestId = NewRequestId(); }, token);
                var seen = await Task.Run(() => holder.RequestId, token);
                Expect.That(seen is null,
                    $"A request that never set an id read {Show(seen)}: it saw another request's value. Values must not outlive the flow that set them.");
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
            Section 9 of the notebook measured the tools for "at most N at once": Parallel.ForEachAsync with
            ParallelOptions.MaxDegreeOfParallelism, or a SemaphoreSlim that every item enters before it starts and leaves
            (in a finally) when it ends. Either one keeps the slots full. Chunks of maxInFlight items (Task.WhenAll per
            chunk) are not enough: a whole chunk then waits for its slowest item while slots stand empty.
            """,
        answers: ExerciseAnswers.Load("02.3"),
        cases:
        [
            new("12 items, at most 3 in flight: always 3 going until the end, never 4", (answer, token) => BatchCaseAsync(answer, items: 12, limit: 3, token)),
            new("10 items, at most 5 in flight", (answer, token) => BatchCaseAsync(answer, items: 10, limit: 5, token)),
            new("4 items, at most 1 in flight (one after another)", (answer, token) => BatchCaseAsync(answer, items: 4, limit: 1, token)),
            new("2 items, at most 5 in flight (both at once)", (answer, token) => BatchCaseAsync(answer, items: 2, limit: 5, token)),
        ],
        caseTimeLimit: TimeSpan.FromSeconds(20));

    /// <summary>The exercises of notebook 02, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [ConcurrentAwaits, RequestIdFlow, BoundedBatch];

    /// <summary>Runs the learner's FetchAll against services that wait on a fake clock, and checks concurrency, order and failures.</summary>
    private static async Task FetchAllCaseAsync(Func<Func<Task<string>>[], Task<string[]>> answer, (string Name, int Milliseconds)[] services,
        CancellationToken token, string? failing = null)
    {
        var time = new FakeTimeProvider();
        var called = 0;
        var allCalled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<string>> Service(string name, int milliseconds) => async () =>
        {
            if (Interlocked.Increment(ref called) == services.Length)
            {
                allCalled.TrySetResult();
            }
            await Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time);
            return name == failing ? throw new InvalidOperationException($"the {name} service is down") : $"{name} data";
        };
        // The answer is called on a thread of its own, and the call itself must come back with a Task while no (fake)
        // time has passed: an answer that blocks (.Result, .Wait(), GetAwaiter().GetResult()) never returns until then.
        var returned = new TaskCompletionSource<Task<string[]>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var caller = new Thread(() =>
        {
            try
            {
                returned.SetResult(answer([.. services.Select(s => Service(s.Name, s.Milliseconds))]));
            }
            catch (Exception error)
            {
                returned.SetException(error);
            }
        }) { IsBackground = true, Name = "caller 02.1" };
        caller.Start();
        Task<string[]>? run = null;
        try
        {
            var described = string.Join(", ", services.Select(s => $"{s.Name} {s.Milliseconds} ms"));
            var callReturned = await Task.WhenAny(returned.Task, Task.Delay(s_patience, token)) == returned.Task;
            Expect.That(callReturned,
                $"Services ({described}): {Volatile.Read(ref called)} of {services.Length} had been called, but your method did not return to its caller while no time passed: " +
                "it blocked the caller's thread waiting for an answer (.Result, .Wait() or GetAwaiter().GetResult()). An async method should return an unfinished Task at its first await. Use await.");
            run = await returned.Task; // a synchronous exception of the answer is its own error
            var allStarted = await Task.WhenAny(allCalled.Task, run, Task.Delay(s_patience, token)) == allCalled.Task || allCalled.Task.IsCompleted;
            if (run.IsFaulted && !allStarted)
            {
                await run; // the answer's own exception (NotImplementedException for the starter)
            }
            Expect.That(allStarted,
                $"Services ({described}): only {Volatile.Read(ref called)} of {services.Length} had been called while no time passed. " +
                "Your code waits for one service before it calls the next, so the waits add up. Call them all first, then await them together.");
            if (run.IsFaulted)
            {
                await run; // the answer's own exception (NotImplementedException for the starter)
            }
            Expect.That(!run.IsCompleted,
                $"Services ({described}): your method's Task had finished before any service could answer (no time had passed). Await the services' tasks.");

            var longest = TimeSpan.FromMilliseconds(services.Max(s => s.Milliseconds));
            time.Advance(longest); // every service's wait is over now; a concurrent answer can finish
            var finished = await Task.WhenAny(run, Task.Delay(s_patience, token)) == run;
            Expect.That(finished,
                $"Services ({described}): every service had answered after {longest.TotalMilliseconds:0} ms of (fake) time, but your method had not returned. " +
                "Does it wait for something else, or call a service a second time?");

            if (failing is not null)
            {
                var error = run.Exception?.InnerExceptions.FirstOrDefault();
                Expect.That(error is InvalidOperationException { Message: var message } && message.Contains(failing, StringComparison.Ordinal),
                    run.IsCompletedSuccessfully
                        ? $"The {failing} service failed, but your method returned normally ({Show(run.Result)}). Let the exception reach the caller: await Task.WhenAll(...) rethrows it."
                        : $"The {failing} service failed with InvalidOperationException, but your method failed with {error?.GetType().Name}: {error?.Message}");
                return;
            }
            var results = await run;
            var expected = services.Select(s => $"{s.Name} data").ToArray();
            Expect.That(results is not null && results.SequenceEqual(expected),
                $"Services ({described}): expected the results in the order of the services, {Show(expected)}, but got {Show(results)}." +
                (results is not null && results.Order().SequenceEqual(expected.Order()) ? " (Task.WhenAll keeps the order of the tasks you pass it; the order they finished in does not matter.)" : ""));
            Expect.Equal(services.Length, Volatile.Read(ref called), "the number of service calls");
        }
        finally
        {
            // A sequential (or blocking) answer is still waiting on the fake clock: let it run out, so nothing is left behind.
            bool StillWaiting() => !returned.Task.IsCompleted || (returned.Task.IsCompletedSuccessfully && !returned.Task.Result.IsCompleted);
            for (var i = 0; i <= services.Length && StillWaiting(); i++)
            {
                time.Advance(TimeSpan.FromHours(1));
                await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    /// <summary>Runs the learner's RunBatch with gated items released one at a time, and checks the number in flight at every step.</summary>
    private static async Task BatchCaseAsync(Func<IReadOnlyList<int>, int, Func<int, Task>, Task> answer, int items, int limit, CancellationToken token)
    {
        var gates = new ConcurrentQueue<(int Item, TaskCompletionSource Gate)>();
        var calls = new ConcurrentDictionary<int, int>();
        int inFlight = 0, peak = 0, started = 0;
        async Task Process(int item)
        {
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
                await gate.Task.WaitAsync(token);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        }
        var list = Enumerable.Range(1, items).ToArray();
        var batch = Task.Run(() => answer(list, limit, Process), token);
        var released = 0;
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
                Expect.That(full && Volatile.Read(ref started) - released >= window,
                    released == 0
                        ? $"{items} items, at most {limit} at once: only {Volatile.Read(ref started)} item(s) had started, although {window} may run together. Start up to {limit} before waiting for any."
                        : $"{items} items, at most {limit} at once: after {released} item(s) finished, only {Volatile.Read(ref started) - released} were in flight, not {window}. " +
                          "Start the next item as soon as any one finishes (a chunk of items that waits for its slowest leaves slots empty).");
                if (released == 0)
                {
                    await Task.Delay(100, token); // room for an unbounded answer to start more than it should
                }
                Expect.That(Volatile.Read(ref peak) <= limit,
                    $"{items} items, at most {limit} at once: {Volatile.Read(ref peak)} items were in flight at the same time.");
                Expect.That(!batch.IsCompleted,
                    $"{items} items: your method returned while {items - released} item(s) had not finished. Await them all before returning.");
                gates.TryDequeue(out var next);
                next.Gate.SetResult();
                released++;
            }
            var done = await Task.WhenAny(batch, Task.Delay(s_patience, token)) == batch;
            Expect.That(done, $"{items} items: every item finished, but your method did not return.");
            await batch;
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
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (true) or the patience runs out (false).</summary>
    private static async Task<bool> WaitUntilAsync(Func<bool> condition, CancellationToken token)
    {
        var start = TimeProvider.System.GetTimestamp();
        while (!condition())
        {
            if (TimeProvider.System.GetElapsedTime(start) > s_patience)
            {
                return false;
            }
            await Task.Delay(5, token);
        }
        return true;
    }

    private static string NewRequestId() => "req-" + Guid.NewGuid().ToString("N")[..8];

    private static string Show(string? value) => value is null ? "null" : $"\"{value}\"";

    private static string Show(string[]? values) => values is null ? "null" : "[" + string.Join(", ", values.Select(v => Show(v))) + "]";
}
