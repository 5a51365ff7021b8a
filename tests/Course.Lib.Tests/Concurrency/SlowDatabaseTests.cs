using Course.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace Course.Lib.Tests.Concurrency;

public class SlowDatabaseTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task GetUserNameAsync_AnswersAfterTheLatency_OnTheTimeProvidersClock()
    {
        var time = new FakeTimeProvider();
        var db = new SlowDatabase(TimeSpan.FromSeconds(1), time);

        var name = db.GetUserNameAsync(1);
        await db.WhenWaitingAsync(1).WaitAsync(s_limit);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(name.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal("Grace", await name.WaitAsync(s_limit));
        Assert.Equal(0, db.Waiting);
    }

    [Fact]
    public async Task InfiniteLatency_QueriesWaitUntilAnswered_AndCountTheirPeak()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan);

        var name = db.GetUserNameAsync(0);
        var orders = db.CountOrdersAsync(2);
        await db.WhenWaitingAsync(2).WaitAsync(s_limit);
        Assert.Equal(2, db.Waiting);
        Assert.Equal(2, db.AnswerWaiting());

        Assert.Equal("Ada", await name.WaitAsync(s_limit));
        Assert.Equal(6, await orders.WaitAsync(s_limit));
        Assert.Equal(2, db.PeakWaiting);
        Assert.Equal(2, db.Queries);
        Assert.Equal(0, db.Waiting);
    }

    [Fact]
    public async Task AnswerWaitingNames_AnswersTheNameQueriesAndLeavesTheCountsWaiting()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan);

        var name = db.GetUserNameAsync(1);
        var orders = db.CountOrdersAsync(1);
        await db.WhenWaitingAsync(2).WaitAsync(s_limit);
        Assert.Equal(1, db.WaitingNames);
        Assert.Equal(1, db.AnswerWaitingNames());

        Assert.Equal("Grace", await name.WaitAsync(s_limit));
        Assert.False(orders.IsCompleted);
        Assert.Equal(1, db.Waiting);
        Assert.Equal(0, db.AnswerWaitingNames());
        Assert.Equal(1, db.AnswerWaiting());
        Assert.Equal(3, await orders.WaitAsync(s_limit));
    }

    [Fact]
    public async Task BlockingDriver_HoldsTheCallingThreadUntilTheAnswer()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan);

        var blocked = Task.Factory.StartNew(() => db.GetUserName(3), TaskCreationOptions.LongRunning);
        await db.WhenWaitingAsync(1).WaitAsync(s_limit);
        Assert.False(blocked.IsCompleted);
        db.AnswerWaiting();

        Assert.Equal("Barbara", await blocked.WaitAsync(s_limit));
    }

    [Fact]
    public async Task Cancellation_EndsTheWaitingQuery()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan);
        using var cancel = new CancellationTokenSource();

        var name = db.GetUserNameAsync(1, cancel.Token);
        await db.WhenWaitingAsync(1).WaitAsync(s_limit);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => name.WaitAsync(s_limit));
        Assert.Equal(0, db.Waiting);
    }

    [Fact]
    public async Task ResumeCallersOnAnsweringThread_RunsEvenAConfigureAwaitFalseCallerOnTheAnsweringThread()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan) { ResumeCallersOnAnsweringThread = true };
        var resumedOn = 0;
        async Task Caller()
        {
            await db.GetUserNameAsync(1).ConfigureAwait(false);
            resumedOn = Environment.CurrentManagedThreadId;
        }

        var caller = Caller();
        await db.WhenWaitingAsync(1).WaitAsync(s_limit);
        var answeringThread = 0;
        var answerer = new Thread(() =>
        {
            answeringThread = Environment.CurrentManagedThreadId;
            db.AnswerWaiting();
        });
        answerer.Start();
        answerer.Join();

        Assert.True(caller.IsCompleted);   // it ran inside AnswerWaiting
        await caller.WaitAsync(s_limit);
        Assert.Equal(answeringThread, resumedOn);
    }

    [Fact]
    public async Task AnswerEverythingFromNowOn_ReleasesABlockedCaller_AndAnswersLaterQueriesAtOnce()
    {
        var db = new SlowDatabase(Timeout.InfiniteTimeSpan);
        var blocked = Task.Factory.StartNew(() => db.GetUserName(3), TaskCreationOptions.LongRunning);
        await db.WhenWaitingAsync(1).WaitAsync(s_limit);

        db.AnswerEverythingFromNowOn();

        Assert.Equal(SlowDatabase.NameOf(3), await blocked.WaitAsync(s_limit));
        Assert.True(db.CountOrdersAsync(1).IsCompletedSuccessfully);
        Assert.Equal(0, db.Waiting);
    }

    [Fact]
    public void NegativeLatency_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SlowDatabase(TimeSpan.FromSeconds(-1)));
}
