using Course.Display;
using Course.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Course.Lib.Tests.Hosting;

public class RequestJourneyTests
{
    [Fact]
    public void Record_Steps_AreNumberedAndTimedFromTheFirst()
    {
        var time = new ManualTimeProvider();
        var journey = new RequestJourney(time);

        journey.Record("client", "sends GET /");
        time.Advance(TimeSpan.FromMilliseconds(5));
        journey.Record("endpoint", "runs");

        Assert.Collection(journey.Steps,
            step => Assert.Equal((1, TimeSpan.Zero, "client", "sends GET /"), (step.Number, step.At, step.Layer, step.Description)),
            step => Assert.Equal((2, TimeSpan.FromMilliseconds(5), "endpoint", "runs"), (step.Number, step.At, step.Layer, step.Description)));
    }

    [Fact]
    public async Task ObserveHost_OneRequest_RecordsHostMiddlewareRoutingEndpointAndResponseInOrder()
    {
        var journey = new RequestJourney();
        await using var app = await InMemoryServer.StartAsync(web =>
        {
            journey.ObserveHost(web);
            web.Use(async (context, next) =>
            {
                journey.Record("middleware", "before");
                await next(context);
            });
            web.UseRouting();
            web.MapGet("/users/{id:int}", (int id) =>
            {
                journey.Record("endpoint", $"id {id}");
                return id;
            });
        });

        var exchange = await app.GetAsync("/users/42");
        await journey.WhenRequestsFinishedAsync();

        Assert.Equal(200, exchange.Status);
        var steps = journey.Steps.Select(s => s.Layer + ": " + s.Description).ToList();
        Assert.StartsWith("host: builds an HttpContext", steps[0]);
        Assert.Equal("middleware: before", steps[1]);
        Assert.Equal("routing: matches the endpoint GET /users/{id:int}", steps[2]);
        Assert.Equal("endpoint: id 42", steps[3]);
        Assert.StartsWith("server: sends the status line and headers: 200", steps[4]);
        Assert.StartsWith("host: ends the request (200)", steps[^1]);
    }

    [Fact]
    public async Task ObserveKestrel_AppOnLoopback_RecordsTheConnectionFirst()
    {
        var journey = new RequestJourney();
        await using var app = await LoopbackServer.StartAsync(
            builder => journey.ObserveKestrel(builder),
            web =>
            {
                journey.ObserveHost(web);
                web.Run(context => context.Response.WriteAsync("ok"));
            });

        await app.GetAsync("/");
        await journey.WhenRequestsFinishedAsync();

        Assert.StartsWith("Kestrel accepts a TCP connection from 127.0.0.1:", journey.Steps[0].Description);
        Assert.Equal("host", journey.Steps[1].Layer);
    }

    [Fact]
    public async Task WhenRequestsFinishedAsync_NotObserved_TimesOutWithAHint()
    {
        var time = new ManualTimeProvider();
        var journey = new RequestJourney(time);

        var waiting = journey.WhenRequestsFinishedAsync();
        time.Advance(TimeSpan.FromSeconds(11));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        Assert.Contains("ObserveHost", error.Message);
    }

    [Fact]
    public void Formatters_ShowEveryStepAsTableAndText()
    {
        var journey = new RequestJourney();
        journey.Record("routing", "matches <GET /a>");

        var formatters = new RequestJourneyFormatterSource().CreateTypeFormatters().Cast<MimeFormatter<RequestJourney>>().ToList();
        var html = Render(formatters.Single(f => f.MimeType == MimeTypes.Html), journey);
        var text = Render(formatters.Single(f => f.MimeType == MimeTypes.PlainText), journey);

        Assert.Contains("<td style=\"text-align:left\">matches &lt;GET /a&gt;</td>", html);
        Assert.Contains("routing", text);
        Assert.Contains("matches <GET /a>", text);
    }

    private static string Render(MimeFormatter<RequestJourney> formatter, RequestJourney journey)
    {
        var writer = new StringWriter();
        Assert.True(formatter.Format(journey, writer));
        return writer.ToString();
    }

    /// <summary>A clock the test moves by hand; timers fire when it passes their due time.</summary>
    private sealed class ManualTimeProvider : TimeProvider
    {
        private readonly List<ManualTimer> _timers = [];
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Read(ref _ticks);

        public void Advance(TimeSpan by)
        {
            var now = Interlocked.Add(ref _ticks, by.Ticks);
            List<ManualTimer> due;
            lock (_timers)
            {
                due = [.. _timers.Where(t => t.DueAt <= now)];
            }
            foreach (var timer in due)
            {
                timer.Fire();
            }
        }

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = new ManualTimer(this, callback, state);
            timer.Change(dueTime, period);
            return timer;
        }

        private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
        {
            public long DueAt { get; private set; } = long.MaxValue;

            public bool Change(TimeSpan dueTime, TimeSpan period)
            {
                lock (owner._timers)
                {
                    owner._timers.Remove(this);
                    if (dueTime != Timeout.InfiniteTimeSpan)
                    {
                        DueAt = owner.GetTimestamp() + dueTime.Ticks;
                        owner._timers.Add(this);
                    }
                }
                return true;
            }

            public void Fire()
            {
                lock (owner._timers)
                {
                    owner._timers.Remove(this);
                }
                callback(state);
            }

            public void Dispose()
            {
                lock (owner._timers)
                {
                    owner._timers.Remove(this);
                }
            }

            public ValueTask DisposeAsync()
            {
                Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }
}
