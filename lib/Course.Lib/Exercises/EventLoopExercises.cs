using Course.Concurrency;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Course.Exercises;

/// <summary>The exercises of notebook 03, the event loop.</summary>
public static class EventLoopExercises
{
    /// <summary>How many requests exercise 03.1 sends at once.</summary>
    private const int Requests = 20;

    /// <summary>How long 03.1 waits for the requests to be at the database together: generous, since a correct answer gets there at once.</summary>
    private static readonly TimeSpan s_togetherLimit = TimeSpan.FromSeconds(4);

    /// <summary>
    /// 03.1: the handler behind <c>GET /users/{id}</c>, written without blocking: it awaits the database instead of
    /// holding its thread (<c>.Result</c>, the blocking driver), so many requests wait at the database together.
    /// </summary>
    public static Exercise<Func<int, SlowDatabase, Task<string>>> AwaitTheDatabase { get; } = new(
        id: "03.1",
        title: "Fix a sync-over-async endpoint",
        hint: """
            The blocking version holds its thread twice: db.GetUserName(id) is the blocking driver, and
            db.CountOrdersAsync(id).Result waits for a Task by blocking. SlowDatabase has an async method for each query.
            Make the method async, call the async methods and await them: at each await the method returns an
            unfinished Task to its caller (the framework), whose thread is then free for the next request. Do not wrap
            the blocking code in Task.Run: that only moves the blocking to another pool thread.
            """,
        answers: ExerciseAnswers.Load("03.1"),
        cases:
        [
            new("GET /users/1 → \"Grace has 3 orders\" (your method as a minimal-API endpoint)", async (handler, token) =>
            {
                var db = new SlowDatabase(TimeSpan.FromMilliseconds(10));
                var server = await InMemoryServer.StartAsync(
                    builder => builder.Services.AddSingleton(db),
                    app => app.MapGet("/users/{id:int}", (int id, SlowDatabase database) => handler(id, database)),
                    "Production", token);
                await using (server)
                {
                    var exchange = await server.GetAsync("/users/1", token);
                    Expect.Status(200, exchange);
                    Expect.Equal(Expected(1), exchange.Body, "the body of GET /users/1");
                }
                Expect.That(db.Queries >= 2,
                    $"GET /users/1 made {db.Queries} database quer{(db.Queries == 1 ? "y" : "ies")}: ask the database for the name and for the number of orders.");
            }),
            new($"{Requests} requests started from one thread (an event loop): all {Requests} are at the database before it answers any, twice (the name answered first)",
                (handler, token) => CheckOnTheLoopAsync(handler, slower: "order count", token)),
            new($"{Requests} requests started from one thread: the same, with the order count answered first (the name is the slower query)",
                (handler, token) => CheckOnTheLoopAsync(handler, slower: "name", token)),
            new("10 concurrent requests to the endpoint: each handler returns its unfinished Task to ASP.NET Core while its query waits", async (handler, token) =>
            {
                const int count = 10;
                var db = new SlowDatabase(Timeout.InfiniteTimeSpan);
                var answering = false;
                var returned = 0;
                var allReturned = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var server = await InMemoryServer.StartAsync(
                    builder => builder.Services.AddSingleton(db),
                    app => app.MapGet("/users/{id:int}", (int id, SlowDatabase database) =>
                    {
                        // A handler that awaits returns here at its first await, while its query waits; one that blocks
                        // returns only after the database answered, holding its pool thread all that time.
                        var task = handler(id, database);
                        if (!Volatile.Read(ref answering) && Interlocked.Increment(ref returned) == count)
                        {
                            allReturned.TrySetResult();
                        }
                        return task;
                    }),
                    "Production", token);
                await using (server)
                {
                    var ids = Enumerable.Range(101, count).ToArray();
                    var requests = Task.WhenAll(ids.Select(id => server.GetAsync($"/users/{id}", token)));
                    // No answer comes until every handler call has returned (or the limit passed): a blocked handler never does.
                    using (var limit = CancellationTokenSource.CreateLinkedTokenSource(token))
                    {
                        limit.CancelAfter(s_togetherLimit);
                        await Task.WhenAny(allReturned.Task, requests, Task.Delay(Timeout.InfiniteTimeSpan, limit.Token));
                        token.ThrowIfCancellationRequested();
                    }
                    var waitingTogether = db.Waiting;
                    Volatile.Write(ref answering, true);
                    var returnedWhileWaiting = Volatile.Read(ref returned);
                    await DrainAsync(db, requests, token);
                    await ThrowIfNotImplemented(requests);
                    Expect.That(returnedWhileWaiting >= count,
                        $"Only {returnedWhileWaiting} of {count} handler calls returned their Task to ASP.NET Core while the database worked " +
                        $"({waitingTogether} queries were waiting): the others held their pool thread until the answer came (.Result, .Wait(), " +
                        "GetAwaiter().GetResult() or the blocking driver). That is one pool thread per waiting request, and the pool adds threads only " +
                        "slowly: under load it starves, and even trivial requests queue. Make the method async and await the queries.");
                    var exchanges = await requests.WaitAsync(token);
                    for (var i = 0; i < count; i++)
                    {
                        Expect.Status(200, exchanges[i]);
                        Expect.Equal(Expected(ids[i]), exchanges[i].Body, $"the body of GET /users/{ids[i]}");
                    }
                }
            }),
        ]);

    /// <summary>
    /// 03.2: a coroutine on the event loop that must call a blocking library function moves the call to another thread
    /// and awaits it (asyncio's <c>await asyncio.to_thread(...)</c>), so the loop keeps running the others, and shows the
    /// result back on the loop's thread.
    /// </summary>
    public static Exercise<Func<int, Func<int, string>, Action<string>, Task>> MoveBlockingOffTheLoop { get; } = new(
        id: "03.2",
        title: "Move a blocking call off the event loop",
        hint: """
            blockingLookup blocks the thread that calls it; called on the loop, it stops every coroutine, timer and socket
            callback there (section 3). Which thread could run it instead, and what does that give you back that you can
            await (asyncio has asyncio.to_thread for this)? Then ask: while you wait, does the loop's thread stay free, and
            where does the code after a plain await run?
            """,
        answers: ExerciseAnswers.Load("03.2"),
        cases:
        [
            new("one request: the lookup runs off the loop, the loop runs other callbacks meanwhile, show runs on the loop", (answer, token) =>
                CheckOffTheLoopAsync(answer, [7], token)),
            new("three requests at once: all three lookups run together, the loop stays free, each result is shown once on the loop", (answer, token) =>
                CheckOffTheLoopAsync(answer, [1, 2, 3], token)),
        ]);

    /// <summary>The exercises of notebook 03, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [AwaitTheDatabase, MoveBlockingOffTheLoop];

    /// <summary>
    /// 03.1 on a single-threaded loop: <see cref="Requests"/> requests must all be at the database together before it
    /// answers any, round after round. The <paramref name="slower"/> query ("name" or "order count") is answered a round
    /// after the other, so a handler that reads it with .Result after awaiting the other blocks the loop.
    /// </summary>
    private static async Task CheckOnTheLoopAsync(Func<int, SlowDatabase, Task<string>> handler, string slower, CancellationToken token)
    {
        // The database answers on the loop's thread and resumes its callers there: code after an await that
        // captured the loop is posted to it, code after ConfigureAwait(false) runs at once inside the answer.
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan) { ResumeCallersOnAnsweringThread = true };
        var loop = new EventLoop();
        var watching = true;
        var offLoop = 0;
        db.OnQuery = () =>
        {
            // Every query of a non-blocking answer is made on the loop's thread: in the handler call, after an
            // await that resumed on the loop, or inside the loop's answer (after ConfigureAwait(false)). One made
            // anywhere else came from a thread the answer started (Task.Run, StartNew, ContinueWith).
            if (Volatile.Read(ref watching) && Environment.CurrentManagedThreadId != loop.LoopThreadId)
            {
                // That is the verdict already. Answer everything at once from now on, so no pool thread blocks
                // and the case ends without waiting for the pool to grow.
                Interlocked.Increment(ref offLoop);
                db.AnswerEverythingFromNowOn();
            }
        };
        var ids = Enumerable.Range(1, Requests).ToArray();
        var requests = loop.RunAsync(() => Task.WhenAll(ids.Select(id => handler(id, db))), token);
        // Once the check answers from its own thread (to let a blocked answer go), queries come from there: stop watching.
        var rounds = await AnswerInRoundsAsync(db, Requests, requests, loop, namesFirst: slower == "order count", () => Volatile.Write(ref watching, false), token);
        await ThrowIfNotImplemented(requests);
        Expect.That(Volatile.Read(ref offLoop) == 0,
            "Your handler called the database from another thread (a thread-pool thread), not from the thread that called it: Task.Run, " +
            "Task.Factory.StartNew and ContinueWith run your code on the pool, and so does the code after an await with ConfigureAwait(false) " +
            "of something that completes there (a timer: Task.Delay). With blocking code after it, that pool thread waits instead of the " +
            "caller's; with async code, it is a detour that frees nothing. Call the async methods and await them in your handler itself.");
        Expect.That(rounds.Outcome != RoundsOutcome.StuckAnswering,
            $"The database answered the {(slower == "name" ? "order count" : "name")} queries on the loop's thread, and that thread never came back: after an await your " +
            $"handler blocked it — .Result, .Wait() or GetAwaiter().GetResult() on a query that had not finished (here the {slower}: " +
            $"a query started before the await is not done just because the one you awaited is; the check answers the {slower} later, as " +
            "a slower query would be), or the blocking driver. " +
            "ConfigureAwait(false) does not help: it only skips the return to the context — the code after the await still runs " +
            "on the thread that completed the task, here the loop's only thread, and .Result then blocks it. Await both queries " +
            "(or await Task.WhenAll(name, orders) before reading .Result).");
        Expect.That(rounds.Outcome != RoundsOutcome.NotTogether || !rounds.LoopFree,
            $"Only {rounds.Waiting} of {Requests} requests reached the database together{(rounds.Round == 0 ? "" : " with their second query")}, " +
            "although the loop's thread was free (nothing blocked it): the others were waiting for something other than the database — a " +
            "SemaphoreSlim, a lock or another request's Task — so the requests ran one after another. Do not serialize the requests: let " +
            "each one await its own queries at once.");
        Expect.That(rounds.Outcome == RoundsOutcome.Together, rounds.Round == 0
            ? $"Only {rounds.Waiting} of {Requests} requests reached the database together. The check runs your handler on a single-threaded " +
              "loop, so that blocking shows at once: a request held the loop's only thread while its " +
              "query ran (it blocked instead of awaiting), so the other requests could not run until it was answered. .Result, .Wait(), " +
              "GetAwaiter().GetResult() and the blocking driver (GetUserName, CountOrders) all block the thread; await the async methods instead."
            : $"All {Requests} requests reached the database with their first query, but only {rounds.Waiting} came back with the next one: " +
              "after the first await your handler blocked the loop's thread on the second query (.Result, .Wait(), GetAwaiter().GetResult() " +
              "or the blocking driver), so the other requests could not resume until it was answered. Await the second query too.");
        var answers = await requests.WaitAsync(token);
        foreach (var id in ids)
        {
            Expect.Equal(Expected(id), answers[id - 1], $"the answer for user {id}");
        }
        Expect.That(db.Queries >= 2 * Requests,
            $"{Requests} requests made {db.Queries} database queries: each request asks for the name and for the number of orders.");
    }

    private static string Expected(int id) => $"{SlowDatabase.NameOf(id)} has {SlowDatabase.OrdersOf(id)} orders";

    /// <summary>How <see cref="AnswerInRoundsAsync"/> ended.</summary>
    private enum RoundsOutcome
    {
        /// <summary>Every round, all the requests were at the database together (or the requests ended).</summary>
        Together,

        /// <summary>In some round, fewer requests than expected came to the database within the limit.</summary>
        NotTogether,

        /// <summary>The thread answering the queries did not come back within the limit: an answered request blocked it.</summary>
        StuckAnswering,
    }

    /// <summary>Waits, up to the limit, until <paramref name="count"/> queries wait together: true when they do, or when the requests end first.</summary>
    private static async Task<bool> CameTogetherAsync(SlowDatabase db, int count, Task requests, CancellationToken token)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        limit.CancelAfter(s_togetherLimit);
        var together = db.WhenWaitingAsync(count, limit.Token);
        await Task.WhenAny(together, requests);
        return requests.IsCompleted || together.IsCompletedSuccessfully;
    }

    /// <summary>
    /// Answers the waiting queries on the loop's thread (so their callers resume there) and reports whether that thread
    /// came back within the limit: false when a resumed caller blocked it. One kind of query goes first (names when
    /// <paramref name="namesFirst"/>, else order counts): while any waits, only they are answered, the others wait for the next round.
    /// </summary>
    private static async Task<bool> AnswerOnTheLoopAsync(EventLoop loop, SlowDatabase db, bool namesFirst, CancellationToken token)
    {
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        loop.Post(() =>
        {
            // The answer arrives the way a driver's completion does, on a thread with no SynchronizationContext (so
            // code after an await with ConfigureAwait(false) runs on it at once), except that this thread is the
            // loop's: code that captured the loop is posted to its queue, the rest runs here, on the loop's thread.
            var context = SynchronizationContext.Current;
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                // One kind of query first, the other only in a later round, once every request has resumed from the first
                // (the loop ran their continuations before this callback): the slower one read with .Result is then unfinished.
                if ((namesFirst ? db.AnswerWaitingNames() : db.AnswerWaitingCounts()) == 0)
                {
                    db.AnswerWaiting();
                }
            }
            finally
            {
                SynchronizationContext.SetSynchronizationContext(context);
            }
            answered.TrySetResult();
        });
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        limit.CancelAfter(s_togetherLimit);
        await Task.WhenAny(answered.Task, Task.Delay(Timeout.InfiniteTimeSpan, limit.Token)).ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return answered.Task.IsCompleted;
    }

    /// <summary>
    /// Answers the database's queries in rounds: each time <paramref name="count"/> queries wait together it answers
    /// one kind of query among them (else all of them) on the loop's thread (<see cref="AnswerOnTheLoopAsync"/>), until <paramref name="requests"/> completes.
    /// When fewer come together within the limit, or the answering gets stuck, it answers everything until the requests
    /// end (so that no thread stays blocked; <paramref name="beforeDrain"/> runs first) and reports the round and how many
    /// queries were waiting in it.
    /// </summary>
    private static async Task<(RoundsOutcome Outcome, int Round, int Waiting, bool LoopFree)> AnswerInRoundsAsync(SlowDatabase db, int count, Task requests,
        EventLoop loop, bool namesFirst, Action beforeDrain, CancellationToken token)
    {
        for (var round = 0; round < 8 && !requests.IsCompleted; round++)
        {
            if (!await CameTogetherAsync(db, count, requests, token))
            {
                var waiting = db.Waiting;
                var loopFree = await LoopIsFreeAsync(loop, token);
                beforeDrain();
                await DrainAsync(db, requests, token);
                return (RoundsOutcome.NotTogether, round, waiting, loopFree);
            }
            if (requests.IsCompleted)
            {
                break;
            }
            if (!await AnswerOnTheLoopAsync(loop, db, namesFirst, token))
            {
                beforeDrain();
                await DrainAsync(db, requests, token);
                return (RoundsOutcome.StuckAnswering, round, 0, false);
            }
        }
        beforeDrain();
        return (RoundsOutcome.Together, 0, count, true);
    }

    /// <summary>
    /// Whether the loop's thread runs a callback posted now, within the (generous) limit: true when nothing blocks it, so
    /// requests that did not reach the database were waiting for something else (a SemaphoreSlim, a lock, another request).
    /// </summary>
    private static async Task<bool> LoopIsFreeAsync(EventLoop loop, CancellationToken token)
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            loop.Post(() => ran.TrySetResult());
        }
        catch (InvalidOperationException)
        {
            return false; // the run is over
        }
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        limit.CancelAfter(TimeSpan.FromSeconds(2));
        await Task.WhenAny(ran.Task, Task.Delay(Timeout.InfiniteTimeSpan, limit.Token)).ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return ran.Task.IsCompleted;
    }

    /// <summary>Lets a blocking answer go: every query is answered at once from now on, until the requests end.</summary>
    private static async Task DrainAsync(SlowDatabase db, Task requests, CancellationToken token)
    {
        db.AnswerEverythingFromNowOn();
        await Task.WhenAny(requests, Task.Delay(Timeout.InfiniteTimeSpan, token)).ConfigureAwait(false);
    }

    /// <summary>Rethrows the starter's NotImplementedException (so the case reports "not attempted"); other failures are left to the case.</summary>
    private static async Task ThrowIfNotImplemented(Task requests)
    {
        static bool NotImplemented(Exception? e) => e is not null && (e is NotImplementedException || NotImplemented(e.InnerException));
        if (requests.IsFaulted && requests.Exception!.Flatten().InnerExceptions.Any(NotImplemented))
        {
            await requests;
        }
    }

    /// <summary>Whether the loop runs a callback posted now, within a generous limit; true too when its run is already over.</summary>
    private static async Task<bool> LoopRunsAProbeAsync(EventLoop loop, CancellationToken token)
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            loop.Post(() => ran.TrySetResult());
        }
        catch (InvalidOperationException)
        {
            return true; // the run is over: nothing blocks the loop
        }
        await Task.WhenAny(ran.Task, Task.Delay(TimeSpan.FromSeconds(2), token)).ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return ran.Task.IsCompleted || loop.IsShutDown;
    }

    /// <summary>How many callbacks of its own an answer may run on the loop while its lookup is held (a plain await runs none).</summary>
    private const int PollingLimit = 10;

    /// <summary>How long the check watches the loop for an answer that polls its Task, unless it polls sooner.</summary>
    private static readonly TimeSpan s_pollingWindow = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many callbacks the loop had finished when it ran a callback posted now (read on the loop's own thread, so the
    /// reading callback itself is not counted); <see cref="long.MaxValue"/> when the run is over.
    /// </summary>
    private static async Task<long> CallbacksRunSeenByTheLoopAsync(EventLoop loop, CancellationToken token)
    {
        var seen = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            loop.Post(() => seen.TrySetResult(loop.CallbacksRun));
        }
        catch (InvalidOperationException)
        {
            return long.MaxValue; // the run is over: the checks after this one report what went wrong
        }
        await Task.WhenAny(seen.Task, Task.Delay(TimeSpan.FromSeconds(2), token)).ConfigureAwait(false);
        token.ThrowIfCancellationRequested();
        return seen.Task.IsCompleted ? seen.Task.Result : long.MaxValue;
    }

    /// <summary>The name the check's blocking lookup returns for <paramref name="id"/>.</summary>
    private static string Shown(int id) => $"user {id}: {SlowDatabase.NameOf(id)}";

    /// <summary>
    /// Runs the answer for each id at once on a new event loop. The blocking lookup holds its caller until the check
    /// opens a gate; meanwhile the check asks the loop to run a probe callback: a free loop runs it at once, a blocked one
    /// cannot. No timing decides the verdict except generous limits for things a correct answer does at once.
    /// </summary>
    private static async Task CheckOffTheLoopAsync(Func<int, Func<int, string>, Action<string>, Task> answer, int[] ids, CancellationToken token)
    {
        var loop = new EventLoop();
        using var gate = new ManualResetEventSlim(false);
        var onLoop = 0;
        var started = 0;
        var firstStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var shows = new System.Collections.Concurrent.ConcurrentQueue<(string Text, bool OnLoop)>();
        var shownWhenDone = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var lookups = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();

        string BlockingLookup(int id)
        {
            lookups.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (Environment.CurrentManagedThreadId == loop.LoopThreadId)
            {
                Interlocked.Increment(ref onLoop);
                firstStarted.TrySetResult();
                return SlowDatabase.NameOf(id); // the verdict is known: do not hold the loop any longer
            }
            firstStarted.TrySetResult();
            if (Interlocked.Increment(ref started) == ids.Length)
            {
                allStarted.TrySetResult();
            }
            gate.Wait(TimeSpan.FromSeconds(20), token);
            return SlowDatabase.NameOf(id);
        }

        void Show(string text) => shows.Enqueue((text, Environment.CurrentManagedThreadId == loop.LoopThreadId));

        async Task One(int id)
        {
            var task = answer(id, BlockingLookup, Show) ?? throw new CheckFailedException("Your method returned null instead of a Task.");
            await task;
            shownWhenDone[id] = shows.Count(s => s.Text == Shown(id));
        }

        var run = loop.RunAsync(() => Task.WhenAll(ids.Select(One)), token);
        try
        {
            await Task.WhenAny(firstStarted.Task, run, Task.Delay(s_togetherLimit, token));
            token.ThrowIfCancellationRequested();
            if (run.IsCompletedSuccessfully && !firstStarted.Task.IsCompleted)
            {
                // Finished before any lookup began: a lookup left running on its own (fire and forget) may still be starting.
                await Task.WhenAny(firstStarted.Task, Task.Delay(s_togetherLimit, token));
                token.ThrowIfCancellationRequested();
            }
            if (run.IsFaulted)
            {
                await run; // the answer's own exception (NotImplementedException for the starter)
            }
            Expect.That(firstStarted.Task.IsCompleted, "Your method never called blockingLookup: call it to get the user's name.");
            Expect.That(Volatile.Read(ref onLoop) == 0,
                "blockingLookup ran on the loop's own thread: while it waits, no other coroutine, timer or socket callback on the loop can " +
                "run (section 3) — an await before it (Task.Yield) does not change where it runs. Run it on another thread and await " +
                "that: await Task.Run(() => blockingLookup(id)), asyncio's await asyncio.to_thread(blocking_lookup, id).");
            Expect.That(await LoopRunsAProbeAsync(loop, token),
                "The lookup ran on another thread, but the loop's thread blocked while it waited (.Result, .Wait() or " +
                "GetAwaiter().GetResult() on the Task): the loop could not run anything else, so nothing was gained. Await the Task instead.");
            await Task.WhenAny(allStarted.Task, run, Task.Delay(s_togetherLimit, token));
            token.ThrowIfCancellationRequested();
            Expect.That(allStarted.Task.IsCompleted,
                $"Only {Volatile.Read(ref started)} of {ids.Length} lookups ran together: the others waited for something (a lock, a " +
                "SemaphoreSlim(1), another request's Task). Each call should start its own lookup at once.");
            // While every lookup is held, a plain await leaves nothing of the answer's on the loop: it runs only the check's
            // probes. A method that keeps checking the Task (a while loop around Task.Yield or Task.Delay) runs callback after
            // callback. The count is read on the loop itself, so a correct answer shows 0 extra callbacks whatever the load.
            var first = await CallbacksRunSeenByTheLoopAsync(loop, token);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (loop.CallbacksRun - first <= PollingLimit + 1 && watch.Elapsed < s_pollingWindow && !run.IsCompleted)
            {
                await Task.Delay(20, token);
            }
            var second = await CallbacksRunSeenByTheLoopAsync(loop, token);
            var extra = first == long.MaxValue || second == long.MaxValue
                ? 0 // the run ended meanwhile (fire and forget): the checks below report that
                : second - first - 1; // minus the first reading's own callback
            Expect.That(extra <= PollingLimit,
                $"While the lookups were still running, the loop ran {extra} callbacks of your method: it kept checking whether the " +
                "Task was done (while (!task.IsCompleted) await Task.Yield() or await Task.Delay(...)). That is busy-waiting: the loop " +
                "spins (or wakes on a timer) for nothing, burning CPU that the other coroutines need, and answers late. asyncio's " +
                "while not fut.done(): await asyncio.sleep(0) is the same mistake. A plain await of the Task costs the loop nothing " +
                "until the lookup is done: var name = await Task.Run(() => blockingLookup(id));.");
        }
        finally
        {
            gate.Set();
        }
        await Task.WhenAny(run, Task.Delay(s_togetherLimit, token));
        token.ThrowIfCancellationRequested();
        Expect.That(run.IsCompleted, "After the lookups returned, your method did not finish: is it waiting for something that never happens?");
        await run;
        // The lookups that ran after the gate opened count too: a second call, made on the loop once the first returned, blocks it as much.
        foreach (var id in ids)
        {
            var count = lookups.GetValueOrDefault(id);
            Expect.That(count <= 1,
                $"blockingLookup was called {count} times for user {id}" +
                (Volatile.Read(ref onLoop) > 0 ? ", and after the first lookup returned, once more on the loop's own thread, which blocks it all over again" : "") +
                ": call it once, off the loop, and use the value await Task.Run(...) gives you (var name = await Task.Run(() => blockingLookup(id));).");
        }
        Expect.That(Volatile.Read(ref onLoop) == 0,
            "After the first lookups, blockingLookup ran on the loop's own thread: while it waits, no other coroutine, timer or socket callback on " +
            "the loop can run (section 3). Every call of it belongs off the loop: await Task.Run(() => blockingLookup(id)).");
        foreach (var id in ids)
        {
            Expect.That(shownWhenDone.GetValueOrDefault(id) > 0,
                $"Your method's Task for user {id} completed before show was called: whoever awaits it thinks the request is answered " +
                "while the lookup is still running (fire and forget). Await the lookup, then call show.");
        }
        var offLoop = shows.FirstOrDefault(s => !s.OnLoop);
        Expect.That(offLoop.Text is null,
            $"show(\"{offLoop.Text}\") ran on a thread-pool thread, not on the loop: code after an await with ConfigureAwait(false) runs " +
            "where the awaited Task finished, and so does code inside Task.Run. On an event loop the code after the lookup belongs on the " +
            "loop's thread, with the coroutine's state: keep the await plain and call show after it.");
        var texts = shows.Select(s => s.Text).ToList();
        foreach (var id in ids)
        {
            var count = texts.Count(t => t == Shown(id));
            Expect.That(count == 1, $"show(\"{Shown(id)}\") should be called once, but was called {count} times (all calls: {string.Join(", ", texts.Select(t => $"\"{t}\""))}).");
        }
        Expect.That(texts.Count == ids.Length, $"show was called {texts.Count} times for {ids.Length} requests: {string.Join(", ", texts.Select(t => $"\"{t}\""))}.");
    }
}
