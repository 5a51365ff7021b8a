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
                var firstRound = true;
                var offLoop = 0;
                db.OnQuery = () =>
                {
                    if (Volatile.Read(ref firstRound) && Environment.CurrentManagedThreadId != loop.LoopThreadId)
                    {
                        // The answer left the loop (Task.Run): that is the verdict already. Answer everything at once
                        // from now on, so no pool thread blocks and the case ends without waiting for the pool to grow.
                        Interlocked.Increment(ref offLoop);
                        db.AnswerEverythingFromNowOn();
                    }
                };
                var ids = Enumerable.Range(1, Requests).ToArray();
                var requests = loop.RunAsync(() => Task.WhenAll(ids.Select(id => handler(id, db))), token);
                var rounds = await AnswerInRoundsAsync(db, Requests, requests, loop, () => Volatile.Write(ref firstRound, false), token);
                await ThrowIfNotImplemented(requests);
                Expect.That(Volatile.Read(ref offLoop) == 0,
                    "Your handler called the database from a thread-pool thread, not from the thread that called it: Task.Run moves the work " +
                    "(and any blocking inside it) to another pool thread, which then waits instead. Call the async methods and await them directly.");
                Expect.That(rounds.Outcome != RoundsOutcome.StuckAnswering,
                    "The database answered the first queries on the loop's thread, and that thread never came back: after its first await your " +
                    "handler blocked it (.Result, .Wait(), GetAwaiter().GetResult() or the blocking driver on the second query). " +
                    "ConfigureAwait(false) does not help: it only skips the return to the context — the code after the await still runs " +
                    "on the thread that completed the task, here the loop's only thread, and .Result then blocks it. Await both queries.");
                Expect.That(rounds.Outcome == RoundsOutcome.Together,
                    $"Only {rounds.Most} of {Requests} requests were at the database at the same time: the first request held the loop's only thread while " +
                    "its query ran, so the others could not even start. .Result, .Wait(), GetAwaiter().GetResult() and the blocking driver " +
                    "(GetUserName, CountOrders) all block the thread; await the async methods instead.");
                var answers = await requests.WaitAsync(token);
                foreach (var id in ids)
                {
                    Expect.Equal(Expected(id), answers[id - 1], $"the answer for user {id}");
                }
                Expect.That(db.Queries >= 2 * Requests,
                    $"{Requests} requests made {db.Queries} database queries: each request asks for the name and for the number of orders.");
            }),
            new("10 concurrent requests to the endpoint: all at the database together, then all answered", async (handler, token) =>
            {
                const int count = 10;
                var db = new SlowDatabase(Timeout.InfiniteTimeSpan);
                var server = await InMemoryServer.StartAsync(
                    builder => builder.Services.AddSingleton(db),
                    app => app.MapGet("/users/{id:int}", (int id, SlowDatabase database) => handler(id, database)),
                    "Production", token);
                await using (server)
                {
                    var ids = Enumerable.Range(101, count).ToArray();
                    var requests = Task.WhenAll(ids.Select(id => server.GetAsync($"/users/{id}", token)));
                    var rounds = await TogetherOnceAsync(db, count, requests, token);
                    await ThrowIfNotImplemented(requests);
                    Expect.That(rounds.Outcome == RoundsOutcome.Together,
                        $"Only {rounds.Most} of {count} requests were at the database at the same time within {s_togetherLimit.TotalSeconds:0} s: each waiting request held a " +
                        "pool thread, so each further request had to wait for the pool to create another thread. Await the database instead of blocking.");
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

    /// <summary>
    /// Waits (up to the limit) until <paramref name="count"/> queries wait together, then answers every query at once
    /// until <paramref name="requests"/> end. One round only: on the thread pool, requests that make their queries in
    /// different shapes (one after the other, both at once) reach the database at different moments, so answering in
    /// rounds of exactly <paramref name="count"/> would depend on timing.
    /// </summary>
    private static async Task<(RoundsOutcome Outcome, int Most)> TogetherOnceAsync(SlowDatabase db, int count, Task requests, CancellationToken token)
    {
        var outcome = await CameTogetherAsync(db, count, requests, token) ? RoundsOutcome.Together : RoundsOutcome.NotTogether;
        var most = db.PeakWaiting;
        await DrainAsync(db, requests, token);
        return (outcome, most);
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
    /// end (so that no thread stays blocked) and reports the most that were together.
    /// </summary>
    private static async Task<(RoundsOutcome Outcome, int Most)> AnswerInRoundsAsync(SlowDatabase db, int count, Task requests,
        EventLoop loop, Action afterFirstRound, CancellationToken token)
    {
        for (var round = 0; round < 8 && !requests.IsCompleted; round++)
        {
            if (!await CameTogetherAsync(db, count, requests, token))
            {
                var most = db.PeakWaiting;
                await DrainAsync(db, requests, token);
                return (RoundsOutcome.NotTogether, most);
            }
            if (requests.IsCompleted)
            {
                break;
            }
            if (round == 0)
            {
                afterFirstRound();
            }
            if (!await AnswerOnTheLoopAsync(loop, db, token))
            {
                await DrainAsync(db, requests, token);
                return (RoundsOutcome.StuckAnswering, db.PeakWaiting);
            }
        }
        return (RoundsOutcome.Together, db.PeakWaiting);
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
            _ = report.ContinueWith(_ => done = true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            var running = others.Select(Other).ToArray();
            await Task.WhenAll([report, .. running]);
        }, token);

        string[] seen;
        lock (events)
        {
            seen = [.. events];
        }
        Expect.That(offLoop == 0, "A chunk ran on a thread-pool thread, not on the event loop: Task.Run leaves the loop. Call processChunk from your method itself.");
        var chunkEvents = seen.Where(e => e.StartsWith("chunk ", StringComparison.Ordinal)).ToArray();
        var expectedChunks = Enumerable.Range(1, chunks).Select(c => $"chunk {c}").ToArray();
        Expect.That(chunkEvents.SequenceEqual(expectedChunks),
            $"The chunks should run once each, in order ({string.Join(", ", expectedChunks)}), but they ran as: {(chunkEvents.Length == 0 ? "(none)" : string.Join(", ", chunkEvents))}.");
        var turn = string.Join(", ", others);
        var segments = Segments(seen);
        for (var i = 1; i < segments.Count - 1; i++)
        {
            var between = string.Join(", ", segments[i]);
            Expect.That(between == turn,
                segments[i].Count == 0
                    ? $"chunk {i} and chunk {i + 1} ran back to back: the loop never got its thread back, so {turn} had no turn in between. Give the loop a turn between two chunks."
                    : $"Between chunk {i} and chunk {i + 1} the loop ran {segments[i].Count} turns of the others ({Shorten(segments[i])}); expected exactly one turn each ({turn}). " +
                      "Waiting on a timer lets them run many times; yield instead.");
        }
        foreach (var (edge, segment) in new[] { ("before chunk 1", segments[0]), ($"after chunk {chunks}", segments[^1]) })
        {
            Expect.That(segment.Count == 0 || string.Join(", ", segment) == turn,
                $"{char.ToUpperInvariant(edge[0])}{edge[1..]} the others ran {segment.Count} turns ({Shorten(segment)}); expected none, or one turn each ({turn}).");
        }
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
