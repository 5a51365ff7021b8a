using Course.Concurrency;
using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class EventLoopExercisesTests
{
    // 03.1 — fix a sync-over-async endpoint

    [Fact]
    public void AwaitTheDatabase_UntouchedStarter_IsNotAttempted()
    {
        async Task<string> Starter(int id, SlowDatabase db)
        {
            await Task.CompletedTask;
            throw new NotImplementedException();
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Starter);

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void AwaitTheDatabase_AwaitingBothQueries_IsCorrect()
    {
        async Task<string> Answer(int id, SlowDatabase db) => $"{await db.GetUserNameAsync(id)} has {await db.CountOrdersAsync(id)} orders";

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void AwaitTheDatabase_BothQueriesAtOnce_IsCorrect()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = db.GetUserNameAsync(id);
            var orders = db.CountOrdersAsync(id);
            await Task.WhenAll(name, orders);
            return $"{name.Result} has {orders.Result} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void AwaitTheDatabase_TheBlockingVersion_FailsTheOneThreadCase()
    {
        var result = EventLoopExercises.AwaitTheDatabase.Check(
            (id, db) => Task.FromResult($"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[0].Outcome);
        Assert.Contains("Only 1 of 20 requests reached the database together", result.Cases[1].Message);
        // On the thread pool the pool rescues the blocked requests by adding threads; the handler still never returned while waiting.
        Assert.Contains("held their pool thread", result.Cases[3].Message);
    }

    [Fact]
    public void AwaitTheDatabase_OneRequestAtATime_SaysNothingBlockedButTheRequestsWereSerialized()
    {
        var gate = new SemaphoreSlim(1);
        async Task<string> Answer(int id, SlowDatabase db)
        {
            await gate.WaitAsync();
            try
            {
                return $"{await db.GetUserNameAsync(id)} has {await db.CountOrdersAsync(id)} orders";
            }
            finally
            {
                gate.Release();
            }
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("although the loop's thread was free", result.Cases[1].Message);
        Assert.Contains("SemaphoreSlim", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_ConfigureAwaitFalseOnADelayThenBlocking_NamesConfigureAwait()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            await Task.Delay(1).ConfigureAwait(false);
            return $"{db.GetUserName(id)} has {db.CountOrders(id)} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("ConfigureAwait(false)", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_ConfigureAwaitFalseThenResult_FailsTheOneThreadCase()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = await db.GetUserNameAsync(id).ConfigureAwait(false);
            return $"{name} has {db.CountOrdersAsync(id).Result} orders";
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Failed, result.Cases[1].Outcome);
        Assert.Contains("ConfigureAwait(false) does not help", result.Cases[1].Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"the check took {clock.Elapsed}: a blocked thread was not let go");
    }

    [Fact]
    public void AwaitTheDatabase_ConfigureAwaitFalseOnBothAwaits_IsCorrect()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = await db.GetUserNameAsync(id).ConfigureAwait(false);
            var orders = await db.CountOrdersAsync(id).ConfigureAwait(false);
            return $"{name} has {orders} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.True(result.Passed, result.ToString());
    }

    [Fact]
    public void AwaitTheDatabase_TheReferenceSolutionsCode_IsCorrect()
    {
        async Task<string> GetUserSummary(int id, SlowDatabase db)
        {
            var name = await db.GetUserNameAsync(id);
            var orders = await db.CountOrdersAsync(id);
            return $"{name} has {orders} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(GetUserSummary);

        Assert.True(result.Passed, result.ToString());
        Assert.Contains("var orders = await db.CountOrdersAsync(id);", EventLoopExercises.AwaitTheDatabase.SolutionSource);
    }

    [Fact]
    public void AwaitTheDatabase_BlockingInsideTaskRun_FailsAndNamesTaskRun()
    {
        var result = EventLoopExercises.AwaitTheDatabase.Check(
            (id, db) => Task.Run(() => $"{db.GetUserName(id)} has {db.CountOrders(id)} orders"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("Task.Run", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_AnswerWithoutTheDatabase_IsIncorrect()
    {
        var result = EventLoopExercises.AwaitTheDatabase.Check((id, db) => Task.FromResult("Grace has 3 orders"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
    }

    [Fact]
    public void AwaitTheDatabase_AwaitThenResult_SaysTheSecondQueryBlockedAndCountsThatRound()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = await db.GetUserNameAsync(id);
            return $"{name} has {db.CountOrdersAsync(id).Result} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("All 20 requests reached the database with their first query, but only 1 came back", result.Cases[1].Message);
        Assert.Contains("blocked the loop's thread on the second query", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_ContinueWithAndResult_FailsAndNamesContinueWith()
    {
        // The continuation runs on a pool thread, which then blocks on .Result: caught in the second round, where it happens.
        var result = EventLoopExercises.AwaitTheDatabase.Check((id, db) =>
            db.GetUserNameAsync(id).ContinueWith(name => $"{name.Result} has {db.CountOrdersAsync(id).Result} orders"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("ContinueWith", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_TaskRunForTheSecondQueryOnly_Fails()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = await db.GetUserNameAsync(id);
            var orders = await Task.Run(() => db.CountOrders(id));
            return $"{name} has {orders} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("called the database from another thread", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_AsyncCodeInsideTaskRun_FailsAsADetour()
    {
        var result = EventLoopExercises.AwaitTheDatabase.Check((id, db) =>
            Task.Run(async () => $"{await db.GetUserNameAsync(id)} has {await db.CountOrdersAsync(id)} orders"));

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("a detour that frees nothing", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_YieldThenTheBlockingDriver_Fails()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            await Task.Yield();
            return $"{db.GetUserName(id)} has {db.CountOrders(id)} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Contains("Only 1 of 20 requests reached the database together", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_BothQueriesStartedThenWhenAllThenResult_IsCorrect()
    {
        // .Result on a task that is already complete does not block: a right answer the check must not refuse.
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = db.GetUserNameAsync(id);
            var orders = db.CountOrdersAsync(id);
            await Task.WhenAll(name, orders);
            return $"{name.Result} has {orders.Result} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void AwaitTheDatabase_BothStartedAwaitNameThenResultOnTheCount_SaysResultOnAnUnfinishedQuery()
    {
        // Passed while the check answered every waiting query at once (the count was done when .Result ran); with the
        // count answered later, as a slower query would be, .Result blocks the loop's thread.
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var n = db.GetUserNameAsync(id);
            var c = db.CountOrdersAsync(id);
            return $"{await n} has {c.Result} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("never came back", result.Cases[1].Message);
        Assert.Contains(".Result, .Wait() or GetAwaiter().GetResult() on a query that had not finished (here the order count", result.Cases[1].Message);
    }

    [Fact]
    public void AwaitTheDatabase_BothStartedAwaitTheCountThenResultOnTheName_FailsWhenTheNameIsSlower()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var name = db.GetUserNameAsync(id);
            var orders = await db.CountOrdersAsync(id);
            return $"{name.Result} has {orders} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Equal(CaseOutcome.Passed, result.Cases[1].Outcome);
        Assert.Contains("on a query that had not finished (here the name", result.Cases[2].Message);
    }

    [Fact]
    public void AwaitTheDatabase_BothStartedThenBothAwaited_IsCorrect()
    {
        async Task<string> Answer(int id, SlowDatabase db)
        {
            var n = db.GetUserNameAsync(id);
            var c = db.CountOrdersAsync(id);
            return $"{await n} has {await c} orders";
        }

        var result = EventLoopExercises.AwaitTheDatabase.Check(Answer);

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    // 03.2 — move a blocking call off the event loop

    [Fact]
    public void MoveBlockingOffTheLoop_UntouchedStarter_IsNotAttempted()
    {
        async Task Starter(int id, Func<int, string> blockingLookup, Action<string> show)
        {
            await Task.CompletedTask;
            throw new NotImplementedException();
        }

        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check(Starter);

        Assert.Equal(CheckOutcome.NotAttempted, result.Outcome);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_AwaitTaskRunThenShow_IsCorrect()
    {
        async Task Answer(int id, Func<int, string> blockingLookup, Action<string> show)
        {
            var name = await Task.Run(() => blockingLookup(id));
            show($"user {id}: {name}");
        }

        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check(Answer);

        Assert.Equal(CheckOutcome.Correct, result.Outcome);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_DirectCall_SaysItRanOnTheLoop()
    {
        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check((id, blockingLookup, show) =>
        {
            show($"user {id}: {blockingLookup(id)}");
            return Task.CompletedTask;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("ran on the loop's own thread", result.Cases[0].Message);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_TaskRunThenResult_SaysTheLoopBlocked()
    {
        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check((id, blockingLookup, show) =>
        {
            show($"user {id}: {Task.Run(() => blockingLookup(id)).Result}");
            return Task.CompletedTask;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("the loop's thread blocked while it waited", result.Cases[0].Message);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_ConfigureAwaitFalse_SaysShowRanOffTheLoop()
    {
        async Task Answer(int id, Func<int, string> blockingLookup, Action<string> show)
        {
            var name = await Task.Run(() => blockingLookup(id)).ConfigureAwait(false);
            show($"user {id}: {name}");
        }

        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("not on the loop", result.Cases[0].Message);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_FireAndForget_SaysTheTaskCompletedBeforeShow()
    {
        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check((id, blockingLookup, show) =>
        {
            _ = Task.Run(() => show($"user {id}: {blockingLookup(id)}"));
            return Task.CompletedTask;
        });

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("completed before show was called", result.Cases[0].Message);
    }

    [Fact]
    public void MoveBlockingOffTheLoop_AwaitTaskRunThenLookUpAgainForShow_SaysCalledTwiceAndOnTheLoop()
    {
        // A review's fooling answer: the first lookup is awaited off the loop, then its value is dropped and the second
        // lookup, for show, blocks the loop after the check had looked.
        async Task Answer(int id, Func<int, string> blockingLookup, Action<string> show)
        {
            await Task.Run(() => blockingLookup(id));
            show($"user {id}: {blockingLookup(id)}");
        }

        var result = EventLoopExercises.MoveBlockingOffTheLoop.Check(Answer);

        Assert.Equal(CheckOutcome.Incorrect, result.Outcome);
        Assert.Contains("blockingLookup was called 2 times for user 7", result.Cases[0].Message);
        Assert.Contains("on the loop's own thread", result.Cases[0].Message);
        Assert.Contains("use the value await Task.Run(...) gives you", result.Cases[0].Message);
    }
}
