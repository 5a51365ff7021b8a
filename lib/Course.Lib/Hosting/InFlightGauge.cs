namespace Course.Hosting;

/// <summary>
/// Counts requests in flight — started and not yet finished — and remembers the most seen at once.
/// Thread-safe without locks (<see cref="Interlocked"/>), so handlers running on many threads can share one.
/// </summary>
/// <example>
/// <code>
/// var gauge = new InFlightGauge();
/// app.MapGet("/slow", async () => { using (gauge.Enter()) { await Task.Delay(200); } return "done"; });
/// </code>
/// </example>
public sealed class InFlightGauge
{
    private int _current;
    private int _peak;
    private long _total;

    /// <summary>Requests in flight now.</summary>
    public int Current => Volatile.Read(ref _current);

    /// <summary>The most requests that were in flight at the same time.</summary>
    public int Peak => Volatile.Read(ref _peak);

    /// <summary>How many requests entered in all.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>Marks a request as started; dispose the result when it finishes.</summary>
    public Scope Enter()
    {
        var now = Interlocked.Increment(ref _current);
        Interlocked.Increment(ref _total);
        // Raise the peak to `now` unless another thread already raised it higher.
        var peak = Volatile.Read(ref _peak);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peak, now, peak);
            if (seen == peak)
            {
                break;
            }
            peak = seen;
        }
        return new Scope(this);
    }

    /// <inheritdoc/>
    public override string ToString() => $"in flight now: {Current}, peak: {Peak}, total: {Total}";

    private void Exit() => Interlocked.Decrement(ref _current);

    /// <summary>One request in flight; disposing it marks the request as finished (once).</summary>
    public sealed class Scope : IDisposable
    {
        private InFlightGauge? _gauge;

        internal Scope(InFlightGauge gauge) => _gauge = gauge;

        /// <summary>Marks the request as finished.</summary>
        public void Dispose() => Interlocked.Exchange(ref _gauge, null)?.Exit();
    }
}
