using Course.Display;

namespace Course.Concurrency;

/// <summary>
/// Records which piece of work ran when, and on which thread, and draws it: ending a cell with a timeline shows one
/// row per label with a bar per span, coloured by thread, on a time axis in milliseconds. Thread-safe: many tasks
/// and threads can record on one timeline at once.
/// </summary>
/// <remarks>
/// Times are measured with the <see cref="TimeProvider"/> given (the system clock by default) from the first thing
/// recorded. A span that is still open (not yet disposed) is not among <see cref="Entries"/>.
/// </remarks>
/// <example>
/// <code>
/// var timeline = new Timeline();
/// async Task Work(string name, int ms) { using (timeline.Span(name)) { await Task.Delay(ms); } }
/// await Task.WhenAll(Work("task1", 200), Work("task2", 100));
/// timeline   // task1 and task2 overlap; timeline.Events: task1 start, task2 start, task2 end, task1 end
/// </code>
/// </example>
[TypeFormatterSource(typeof(TimelineFormatterSource), PreferredMimeTypes = [MimeTypes.Html, MimeTypes.PlainText])]
public sealed class Timeline
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly List<(long Order, TimelineEntry Entry)> _entries = [];
    private readonly List<string> _events = [];
    private long _origin;
    private long _nextOrder;

    /// <summary>Creates an empty timeline; <paramref name="timeProvider"/> times it (the system clock when null).</summary>
    public Timeline(TimeProvider? timeProvider = null) => _time = timeProvider ?? TimeProvider.System;

    /// <summary>The finished spans and the marks, in the order they started (a snapshot).</summary>
    public IReadOnlyList<TimelineEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.OrderBy(e => e.Order).Select(e => e.Entry)];
            }
        }
    }

    /// <summary>
    /// What happened, in the order it happened: <c>"task1 start"</c>, <c>"task2 start"</c>, <c>"task2 end"</c>,
    /// <c>"task1 end"</c>, and a mark's label (a snapshot). The order is the order of recording, so it is exact even
    /// when two events have the same time.
    /// </summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>From the first event to the latest end of a finished span or mark; zero when nothing is recorded.</summary>
    public TimeSpan Duration
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count == 0 ? TimeSpan.Zero : _entries.Max(e => e.Entry.End);
            }
        }
    }

    /// <summary>Starts a span of work named <paramref name="label"/>; disposing the result ends it.</summary>
    /// <example><code>using (timeline.Span("task1")) { await Task.Delay(100); }</code></example>
    public Scope Span(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var (order, start) = Record(label + " start");
        return new Scope(this, label, order, start, Environment.CurrentManagedThreadId);
    }

    /// <summary>
    /// Runs <paramref name="work"/> inside a span named <paramref name="label"/>. The span ends the moment the work's
    /// task completes, on the thread that completes it (it does not wait for the caller's thread or event loop).
    /// </summary>
    public Task TrackAsync(string label, Func<Task> work) => Track(label, work).Unwrap();

    /// <summary>Runs <paramref name="work"/> inside a span named <paramref name="label"/> and returns its result.</summary>
    public Task<T> TrackAsync<T>(string label, Func<Task<T>> work) => Track(label, work).Unwrap();

    /// <summary>Records an instant named <paramref name="label"/>, for example <c>"request sent"</c>.</summary>
    public void Mark(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        var thread = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            var (order, at) = Record(label);
            _entries.Add((order, new TimelineEntry(label, at, at, thread, thread, IsMark: true)));
        }
    }

    /// <summary>The timeline as a text chart: one row per label, <c>#</c> for spans and <c>*</c> for marks.</summary>
    public override string ToString() => TimelineChart.Text(Entries);

    private Task<TTask> Track<TTask>(string label, Func<TTask> work) where TTask : Task
    {
        ArgumentNullException.ThrowIfNull(work);
        var span = Span(label);
        TTask task;
        try
        {
            task = work() ?? throw new InvalidOperationException("work returned null instead of a Task.");
        }
        catch
        {
            span.Dispose();
            throw;
        }
        // A synchronous continuation: an await here would resume later (on an event loop, one turn later; with
        // ConfigureAwait(false), on the thread pool), and the span would end late, on another thread.
        return task.ContinueWith(completed =>
        {
            span.Dispose();
            return (TTask)completed;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Appends an event and returns its place in the start order and its time since the first event.</summary>
    private (long Order, TimeSpan At) Record(string @event)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            if (_events.Count == 0)
            {
                _origin = now;
            }
            _events.Add(@event);
            return (_nextOrder++, _time.GetElapsedTime(_origin, now));
        }
    }

    private void End(Scope scope)
    {
        var thread = Environment.CurrentManagedThreadId;
        lock (_gate)
        {
            var (_, end) = Record(scope.Label + " end");
            _entries.Add((scope.Order, new TimelineEntry(scope.Label, scope.Start, end, scope.StartThreadId, thread, IsMark: false)));
        }
    }

    /// <summary>An open span; disposing it ends the span (once), on whatever thread disposes it.</summary>
    public sealed class Scope : IDisposable
    {
        private Timeline? _timeline;

        internal Scope(Timeline timeline, string label, long order, TimeSpan start, int startThreadId)
        {
            _timeline = timeline;
            Label = label;
            Order = order;
            Start = start;
            StartThreadId = startThreadId;
        }

        internal string Label { get; }

        internal long Order { get; }

        internal TimeSpan Start { get; }

        internal int StartThreadId { get; }

        /// <summary>Ends the span.</summary>
        public void Dispose() => Interlocked.Exchange(ref _timeline, null)?.End(this);
    }
}
