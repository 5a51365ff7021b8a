using System.Text.RegularExpressions;
using Course.Concurrency;
using Course.Display;
using Microsoft.Extensions.Time.Testing;

namespace Course.Lib.Tests.Concurrency;

public class TimelineTests
{
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Span_OverlappingSpans_EventsInOrderAndTimesFromTheFirstEvent()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);

        var task1 = timeline.Span("task1");
        time.Advance(TimeSpan.FromMilliseconds(10));
        var task2 = timeline.Span("task2");
        time.Advance(TimeSpan.FromMilliseconds(100));
        task2.Dispose();
        time.Advance(TimeSpan.FromMilliseconds(90));
        task1.Dispose();

        Assert.Equal(["task1 start", "task2 start", "task2 end", "task1 end"], timeline.Events);
        Assert.Collection(timeline.Entries,
            entry => Assert.Equal(("task1", 0.0, 200.0, false), (entry.Label, entry.Start.TotalMilliseconds, entry.End.TotalMilliseconds, entry.IsMark)),
            entry => Assert.Equal(("task2", 10.0, 110.0, false), (entry.Label, entry.Start.TotalMilliseconds, entry.End.TotalMilliseconds, entry.IsMark)));
        Assert.Equal(TimeSpan.FromMilliseconds(200), timeline.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(100), timeline.Entries[1].Duration);
    }

    [Fact]
    public void Mark_RecordsAnInstantOnTheCurrentThread()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);
        using (timeline.Span("work"))
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            timeline.Mark("halfway");
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        var mark = timeline.Entries[1];

        Assert.Equal(["work start", "halfway", "work end"], timeline.Events);
        Assert.True(mark.IsMark);
        Assert.Equal(("halfway", TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)), (mark.Label, mark.Start, mark.End));
        Assert.Equal(Environment.CurrentManagedThreadId, mark.StartThreadId);
        Assert.Equal(mark.StartThreadId, mark.EndThreadId);
    }

    [Fact]
    public void Threads_OfASpan_AlwaysNameStartAndEnd_OfAMark_OneThread()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        using (timeline.Span("stays"))
        {
            timeline.Mark("instant");
        }

        var thread = Environment.CurrentManagedThreadId;
        Assert.Equal($"thread {thread} → {thread}", timeline.Entries.Single(e => e.Label == "stays").Threads);
        Assert.Equal($"thread {thread}", timeline.Entries.Single(e => e.Label == "instant").Threads);
    }

    [Fact]
    public void Span_EndedOnAnotherThread_RecordsBothThreads()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        var span = timeline.Span("hop");
        var other = new Thread(span.Dispose);

        other.Start();
        Assert.True(other.Join(s_limit));

        var entry = Assert.Single(timeline.Entries);
        Assert.Equal(Environment.CurrentManagedThreadId, entry.StartThreadId);
        Assert.Equal(other.ManagedThreadId, entry.EndThreadId);
        Assert.Equal($"thread {entry.StartThreadId} → {entry.EndThreadId}", entry.Threads);
    }

    [Fact]
    public void Dispose_Twice_EndsTheSpanOnce()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        var span = timeline.Span("once");

        span.Dispose();
        span.Dispose();

        Assert.Single(timeline.Entries);
        Assert.Equal(["once start", "once end"], timeline.Events);
    }

    [Fact]
    public void Entries_SpanStillOpen_IsLeftOut()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        using var open = timeline.Span("open");
        timeline.Mark("now");

        Assert.Equal("now", Assert.Single(timeline.Entries).Label);
        Assert.Equal(["open start", "now"], timeline.Events);
    }

    [Fact]
    public async Task TrackAsync_RunsTheWorkInASpanAndReturnsItsResult()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);

        var result = await timeline.TrackAsync("answer", async () =>
        {
            await Task.Yield();
            time.Advance(TimeSpan.FromMilliseconds(30));
            return 42;
        }).WaitAsync(s_limit);

        Assert.Equal(42, result);
        var entry = Assert.Single(timeline.Entries);
        Assert.Equal(("answer", TimeSpan.Zero, TimeSpan.FromMilliseconds(30)), (entry.Label, entry.Start, entry.End));
    }

    [Fact]
    public async Task TrackAsync_WorkThrows_EndsTheSpanAndRethrows()
    {
        var timeline = new Timeline(new FakeTimeProvider());

        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => timeline.TrackAsync("fails", async () =>
        {
            await Task.Yield();
            throw new TimeZoneNotFoundException();
        }).WaitAsync(s_limit));

        Assert.Equal(["fails start", "fails end"], timeline.Events);
    }

    [Fact]
    public void TrackAsync_TwoCoroutinesOnAnEventLoop_OverlapOnTheLoopThread()
    {
        var timeline = new Timeline();
        var loop = new EventLoop();

        // Each Task.Yield lets the other coroutine run: task1 needs three turns, task2 one.
        async Task Turns(int count)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
            }
        }

        loop.Run(() => Task.WhenAll(timeline.TrackAsync("task1", () => Turns(3)), timeline.TrackAsync("task2", () => Turns(1))),
            new CancellationTokenSource(s_limit).Token);

        Assert.Equal(["task1 start", "task2 start", "task2 end", "task1 end"], timeline.Events);
        Assert.All(timeline.Entries, entry => Assert.Equal((loop.LoopThreadId, loop.LoopThreadId), (entry.StartThreadId, entry.EndThreadId)));
    }

    [Fact]
    public void Span_ManyThreadsAtOnce_RecordsEverySpan()
    {
        const int threads = 8, spansEach = 500;
        var timeline = new Timeline();
        using var allReady = new CountdownEvent(threads);

        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            allReady.Signal();
            allReady.Wait(s_limit);
            for (var i = 0; i < spansEach; i++)
            {
                using (timeline.Span($"t{t}"))
                {
                    timeline.Mark($"m{t}");
                }
            }
        })).ToList();
        workers.ForEach(worker => worker.Start());
        Assert.All(workers, worker => Assert.True(worker.Join(s_limit)));

        var entries = timeline.Entries;
        Assert.Equal(threads * spansEach * 2, entries.Count);
        Assert.Equal(threads * spansEach * 3, timeline.Events.Count);
        for (var t = 0; t < threads; t++)
        {
            Assert.Equal(spansEach, entries.Count(e => e.Label == $"t{t}" && !e.IsMark));
            Assert.Equal(spansEach, entries.Count(e => e.Label == $"m{t}" && e.IsMark));
        }
        Assert.All(entries, entry => Assert.True(entry.Start <= entry.End));
    }

    [Fact]
    public void Html_EncodesLabelsAndHasOneRowPerLabel()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);
        for (var i = 0; i < 2; i++)
        {
            using (timeline.Span("<b>task & co</b>"))
            {
                time.Advance(TimeSpan.FromMilliseconds(10));
            }
        }
        using (timeline.Span("other"))
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
        }
        timeline.Mark("done");

        var html = Render(MimeTypes.Html, timeline);

        Assert.Contains("<svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, Regex.Escape(">&lt;b&gt;task &amp; co&lt;/b&gt;</text>")));
        Assert.Single(Regex.Matches(html, Regex.Escape(">other</text>")));
        Assert.Single(Regex.Matches(html, Regex.Escape(">done</text>")));
        Assert.Contains($"thread {Environment.CurrentManagedThreadId}", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_IsAChartThatNamesEveryLabel()
    {
        var time = new FakeTimeProvider();
        var timeline = new Timeline(time);
        using (timeline.Span("task1"))
        {
            time.Advance(TimeSpan.FromMilliseconds(50));
            timeline.Mark("ready");
            time.Advance(TimeSpan.FromMilliseconds(50));
        }

        var text = Render(MimeTypes.PlainText, timeline);

        Assert.Equal(timeline.ToString(), text);
        Assert.Contains("task1", text, StringComparison.Ordinal);
        Assert.Contains("ready", text, StringComparison.Ordinal);
        Assert.Contains("100.0 ms", text, StringComparison.Ordinal);
        Assert.Contains('#', text);
        Assert.Contains('*', text);
    }

    [Fact]
    public void Empty_HasNoDurationAndSaysSo()
    {
        var timeline = new Timeline(new FakeTimeProvider());

        Assert.Equal(TimeSpan.Zero, timeline.Duration);
        Assert.Empty(timeline.Entries);
        Assert.Contains("nothing recorded", Render(MimeTypes.PlainText, timeline), StringComparison.Ordinal);
        Assert.Contains("nothing recorded", Render(MimeTypes.Html, timeline), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EverythingAtTheSameInstant_DrawsWithoutDividingByZero()
    {
        var timeline = new Timeline(new FakeTimeProvider());
        using (timeline.Span("instant"))
        {
        }

        Assert.Contains("instant", Render(MimeTypes.Html, timeline), StringComparison.Ordinal);
        Assert.DoesNotContain("NaN", Render(MimeTypes.Html, timeline), StringComparison.Ordinal);
        Assert.Contains("instant", Render(MimeTypes.PlainText, timeline), StringComparison.Ordinal);
    }

    private static string Render(string mimeType, Timeline timeline)
    {
        var formatter = new TimelineFormatterSource().CreateTypeFormatters().Cast<MimeFormatter<Timeline>>().Single(f => f.MimeType == mimeType);
        using var writer = new StringWriter();
        Assert.True(formatter.Format(timeline, writer));
        return writer.ToString();
    }
}
