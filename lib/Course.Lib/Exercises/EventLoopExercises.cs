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
            new($"{Requests} requests started from one thread (an event loop): all {Requests} are at the database before it answers any, twice", async (handler, token) =>
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
                var rounds = await AnswerInRoundsAsync(db, Requests, requests, loop, () => Volatile.Write(ref watching, false), token);
                await ThrowIfNotImplemented(requests);
                Expect.That(Volatile.Read(ref offLoop) == 0,
                    "Your handler called the database from another thread (a thread-pool thread), not from the thread that called it: Task.Run, " +
                    "Task.Factory.StartNew and ContinueWith run your code on the pool, and so does the code after an await with ConfigureAwait(false) " +
                    "of something that completes there (a timer: Task.Delay). With blocking code after it, that pool thread waits instead of the " +
                    "caller's; with async code, it is a detour that frees nothing. Call the async methods and await them in your handler itself.");
                Expect.That(rounds.Outcome != RoundsOutcome.StuckAnswering,
                    "The database answered the first queries on the loop's thread, and that thread never came back: after its first await your " +
                    "handler blocked it (.Result, .Wait(), GetAwaiter().GetResult() or the blocking driver on the second query). " +
                    "ConfigureAwait(false) does not help: it only skips the return to the context — the code after the await still runs " +
                    "on the thread that completed the task, here the loop's only thread, and .Result then blocks it. Await both queries.");
                Expect.That(rounds.Outcome != RoundsOutcome.NotTogether || !rounds.LoopFree,
                    $"Only {rounds.Waiting} of {Requests} requests reached the database together{(rounds.Round == 0 ? "" : " with their second query")}, " +
                    "although the loop's thread was free (nothing blocked it): the others were waiting for something other than the database — a " +
                    "SemaphoreSlim, a lock or another request's Task — so the requests ran one after another. Do not serialize the requests: let " +
                    "each one await its own queries at once.");
                Expect.That(rounds.Outcome == RoundsOutcome.Together, rounds.Round == 0
                    ? $"Only {rounds.Waiting} of {Requests} requests reached the database together: a request held the loop's only thread while its " +
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
            }),
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
    /// 03.2: a long job on the event loop that lets the other coroutines run between two of its chunks — exactly one
    /// turn each — so the loop's heartbeat keeps beating.
    /// </summary>
    public static Exercise<Func<Action<int>, int, Task>> TakeTurns { get; } = new(
        id: "03.2",
        title: "Take turns on the event loop",
        hint: """
            The loop runs callbacks from its queue, first in, first out. Your method gives the loop back only at an await of
            something that is not finished yet: then the rest of your method is posted to the queue, behind the
            coroutines that are already waiting, and each of them gets its turn first. So await something between two
            chunks that is "not finished, but will be at once", the way asyncio code writes await asyncio.sleep(0).
            Task.Delay(0) is already finished (no turn for anyone), and Task.Delay(1) waits for a timer, during which
            the others run many times. Look at what Task offers for yielding.
            """,
        answers: ExerciseAnswers.Load("03.2"),
        cases:
        [
            new("3 chunks beside a heartbeat: chunk 1, heartbeat, chunk 2, heartbeat, chunk 3", (answer, token) =>
                CheckTurnsAsync(answer, 3, ["heartbeat"], token)),
            new("5 chunks beside a heartbeat and a progress bar: one turn each between two chunks", (answer, token) =>
                CheckTurnsAsync(answer, 5, ["heartbeat", "progress"], token)),
        ]);

    /// <summary>The exercises of notebook 03, in order.</summary>
    public static IReadOnlyList<Exercise> All { get; } = [AwaitTheDatabase, TakeTurns];

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
    /// came back within the limit: false when a resumed caller blocked it.
    /// </summary>
    private static async Task<bool> AnswerOnTheLoopAsync(EventLoop loop, SlowDatabase db, CancellationToken token)
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
                db.AnswerWaiting();
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
    /// them all on the loop's thread (<see cref="AnswerOnTheLoopAsync"/>), until <paramref name="requests"/> completes.
    /// When fewer come together within the limit, or the answering gets stuck, it answers everything until the requests
    /// end (so that no thread stays blocked; <paramref name="beforeDrain"/> runs first) and reports the round and how many
    /// queries were waiting in it.
    /// </summary>
    private static async Task<(RoundsOutcome Outcome, int Round, int Waiting, bool LoopFree)> AnswerInRoundsAsync(SlowDatabase db, int count, Task requests,
        EventLoop loop, Action beforeDrain, CancellationToken token)
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
            if (!await AnswerOnTheLoopAsync(loop, db, token))
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

    private static async Task CheckTurnsAsync(Func<Action<int>, int, Task> answer, int chunks, string[] others, CancellationToken token)
    {
        var loop = new EventLoop();
        var events = new List<string>();
        var done = false;
        var offLoop = 0;
        var chunksWhenDone = -1;

        void ProcessChunk(int chunk)
        {
            if (Environment.CurrentManagedThreadId != loop.LoopThreadId)
            {
                offLoop++;
            }
            lock (events)
            {
                events.Add($"chunk {chunk}");
            }
        }

        async Task Other(string name)
        {
            while (!done)
            {
                lock (events)
                {
                    events.Add(name);
                }
                await Task.Yield();
            }
        }

        await loop.RunAsync(async () =>
        {
            var report = answer(ProcessChunk, chunks) ?? throw new CheckFailedException("Your method returned null instead of a Task.");
            _ = report.ContinueWith(_ =>
            {
                lock (events)
                {
                    chunksWhenDone = events.Count(e => e.StartsWith("chunk ", StringComparison.Ordinal));
                }
                done = true;
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var running = others.Select(Other).ToArray();
            await Task.WhenAll([report, .. running]);
            // Let work the method started but did not await show itself (its chunks would run after the report "ended").
            for (var i = 0; i < 3 * chunks; i++)
            {
                await Task.Yield();
            }
        }, token);

        string[] seen;
        lock (events)
        {
            seen = [.. events];
        }
        Expect.That(offLoop == 0, "A chunk ran on a thread-pool thread, not on the event loop: Task.Run leaves the loop. Call processChunk from your method itself.");
        var chunkEvents = seen.Where(e => e.StartsWith("chunk ", StringComparison.Ordinal)).ToArray();
        Expect.That(chunksWhenDone < 0 || chunksWhenDone >= chunks,
            $"Your method's Task completed before the report was done (after {chunksWhenDone} of {chunks} chunks): whoever awaits it thinks the " +
            "report is finished while chunks are still to come, and the loop may shut down before they run. Do the work inside the async " +
            "method and await between the chunks; do not start the work and return (fire and forget).");
        var expectedChunks = Enumerable.Range(1, chunks).Select(c => $"chunk {c}").ToArray();
        Expect.That(chunkEvents.SequenceEqual(expectedChunks),
            $"The chunks should run once each, in order ({string.Join(", ", expectedChunks)}), but they ran as: {(chunkEvents.Length == 0 ? "(none)" : string.Join(", ", chunkEvents))}.");
        var turn = string.Join(", ", others);
        var segments = Segments(seen);
        var waitedElsewhere = loop.PostsFromOtherThreads > 0;
        for (var i = 1; i < segments.Count - 1; i++)
        {
            var between = string.Join(", ", segments[i]);
            var rounds = RoundsOf(segments[i], others);
            Expect.That(between == turn,
                segments[i].Count == 0
                    ? $"chunk {i} and chunk {i + 1} ran back to back: the loop never got its thread back, so {turn} had no turn in between. " +
                      "Only an await of something unfinished gives the thread back: Thread.Sleep, Thread.Yield and blocking waits keep it, " +
                      "Task.Yield() without await does nothing (it only makes an awaitable), and Task.Delay(0), Task.CompletedTask or a Task.Run " +
                      "that is already done are finished, so awaiting them goes straight on. Give the loop a turn between two chunks."
                    : rounds is > 1 and <= 4 && !waitedElsewhere
                        ? $"Between chunk {i} and chunk {i + 1} the loop ran {rounds} rounds of turns ({Shorten(segments[i])}); expected exactly one turn " +
                          $"each ({turn}). Each await Task.Yield() gives every waiting coroutine one turn: yield once between two chunks."
                        : $"Between chunk {i} and chunk {i + 1} the loop ran {segments[i].Count} turns of the others ({Shorten(segments[i])}); expected exactly " +
                          $"one turn each ({turn}). Awaiting something that takes time — a timer (Task.Delay(1)) or work on another thread (Task.Run) — " +
                          "lets them run as many times as fit until it finishes; yield instead.");
        }
        Expect.That(!waitedElsewhere,
            "Your method gave the loop its turns by awaiting something that finishes on another thread — a timer (Task.Delay(1)) or work on " +
            "another thread (Task.Run) — so how many turns the others get depends on how long that takes: one each this time, many on a " +
            "busy machine. Yield instead: await Task.Yield() is posted back to the loop at once, behind the others.");
        foreach (var (edge, segment) in new[] { ("before chunk 1", segments[0]), ($"after chunk {chunks}", segments[^1]) })
        {
            Expect.That(segment.Count == 0 || string.Join(", ", segment) == turn,
                $"{char.ToUpperInvariant(edge[0])}{edge[1..]} the others ran {segment.Count} turns ({Shorten(segment)}); expected none, or one turn each ({turn}).");
        }
    }

    /// <summary>How many whole rounds of the others' turns <paramref name="segment"/> is (2 for "heartbeat, heartbeat"), or 0 when it is not whole rounds.</summary>
    private static int RoundsOf(IReadOnlyList<string> segment, string[] others)
    {
        if (segment.Count == 0 || segment.Count % others.Length != 0)
        {
            return 0;
        }
        for (var i = 0; i < segment.Count; i++)
        {
            if (segment[i] != others[i % others.Length])
            {
                return 0;
            }
        }
        return segment.Count / others.Length;
    }

    /// <summary>The events before the first chunk, between each two chunks, and after the last.</summary>
    private static List<List<string>> Segments(IEnumerable<string> events)
    {
        var segments = new List<List<string>> { new() };
        foreach (var e in events)
        {
            if (e.StartsWith("chunk ", StringComparison.Ordinal))
            {
                segments.Add([]);
            }
            else
            {
                segments[^1].Add(e);
            }
        }
        return segments;
    }

    private static string Shorten(IReadOnlyList<string> events) =>
        events.Count <= 6 ? string.Join(", ", events) : string.Join(", ", events.Take(6)) + ", …";
}
