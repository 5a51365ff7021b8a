using Course.Hosting;

namespace Course.Concurrency;

/// <summary>
/// Sends bursts of requests to a server in this process and reports what the thread pool did meanwhile: how long the
/// burst took, how long one probe request sent in its middle took, the pool's threads and queue (a
/// <see cref="ThreadPoolSampler"/>), how many handlers held a blocked thread at once (<see cref="Blocked"/>), and every change
/// the runtime made to its goal, with its reason (<see cref="ThreadPoolEvents"/>, listening from construction on).
/// </summary>
/// <example>
/// <code>
/// var bursts = new RequestBursts();
/// var api = await InMemoryServer.StartAsync(app =>
/// {
///     app.MapGet("/sleep", () => { using (bursts.Blocked()) { Thread.Sleep(1000); } return "slept"; });
///     app.MapGet("/ping", () => "pong");
/// });
/// var result = await bursts.SendAsync(api.Client, "/sleep", ThreadPool.ThreadCount + 24);
/// result.Report   // the burst's line, then the runtime's adjustments with their reasons
/// </code>
/// </example>
/// <remarks>
/// Each request is started from the pool's global queue, as a request that arrives from the network is, so blocked
/// handlers delay it the way they delay real traffic.
/// </remarks>
public sealed class RequestBursts : IDisposable
{
    private static readonly TimeSpan s_probeAfter = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_eventsArrive = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan s_sampleEvery = TimeSpan.FromMilliseconds(50);

    private readonly TimeProvider _time;
    private InFlightGauge _blocked = new();

    /// <summary>Starts listening to the runtime's thread-pool events.</summary>
    public RequestBursts(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        Events = ThreadPoolEvents.Start();
    }

    /// <summary>The runtime's thread-pool events since construction.</summary>
    public ThreadPoolEvents Events { get; }

    /// <summary>
    /// Marks the calling handler as holding a blocked pool thread until the result is disposed:
    /// <c>using (bursts.Blocked()) { Thread.Sleep(1000); }</c>. <see cref="BurstResult.HeldPeak"/> reports the most at once.
    /// </summary>
    public IDisposable Blocked() => Volatile.Read(ref _blocked).Enter();

    /// <summary>
    /// Sends <paramref name="requests"/> GET requests to <paramref name="path"/> at once, and 100 ms later one to
    /// <paramref name="probe"/>; waits for all, then a little longer for the runtime's events to arrive.
    /// </summary>
    public async Task<BurstResult> SendAsync(HttpClient client, string path, int requests, string probe = "/ping",
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(requests);
        Volatile.Write(ref _blocked, new InFlightGauge());
        var blocked = _blocked;
        var threadsBefore = ThreadPool.ThreadCount;
        var from = Events.Elapsed;
        using var sampler = ThreadPoolSampler.Start(s_sampleEvery);
        var start = _time.GetTimestamp();
        var slowest = 0L;
        var gate = new Lock();

        Task<string> Send(string to) => Task.Factory.StartNew(() => client.GetStringAsync(to, cancellationToken),
            cancellationToken, TaskCreationOptions.PreferFairness, TaskScheduler.Default).Unwrap();

        async Task One()
        {
            await Send(path).ConfigureAwait(false);
            var took = (long)_time.GetElapsedTime(start).TotalMilliseconds;
            lock (gate)
            {
                slowest = Math.Max(slowest, took);
            }
        }

        var all = Enumerable.Range(0, requests).Select(_ => One()).ToList();
        await Task.Delay(s_probeAfter, _time, cancellationToken).ConfigureAwait(false);
        var probeStart = _time.GetTimestamp();
        await Send(probe).ConfigureAwait(false);
        var probeMs = (long)_time.GetElapsedTime(probeStart).TotalMilliseconds;
        await Task.WhenAll(all).ConfigureAwait(false);
        sampler.Stop();
        await Task.Delay(s_eventsArrive, _time, cancellationToken).ConfigureAwait(false);
        return new BurstResult(path, requests, slowest, probeMs, threadsBefore, sampler.PeakThreads, sampler.PeakQueued, blocked.Peak,
            Events.Since(from), probe);
    }

    /// <summary>Stops listening to the runtime's events.</summary>
    public void Dispose() => Events.Dispose();
}

/// <summary>What one burst of <see cref="RequestBursts.SendAsync"/> did.</summary>
/// <param name="Path">The path every request of the burst asked for.</param>
/// <param name="Requests">How many requests the burst sent.</param>
/// <param name="AllDoneMs">Milliseconds from the start until the last request was answered.</param>
/// <param name="PingMs">Milliseconds the probe request, sent 100 ms into the burst, took.</param>
/// <param name="ThreadsBefore">Pool threads that existed before the burst (<see cref="ThreadPool.ThreadCount"/>).</param>
/// <param name="PeakThreads">The most pool threads that existed during the burst.</param>
/// <param name="PeakQueued">The most work items waiting in the pool's queues.</param>
/// <param name="HeldPeak">The most handlers inside <see cref="RequestBursts.Blocked"/> at once.</param>
/// <param name="Adjustments">The runtime's changes to its goal during the burst, timed from its start.</param>
/// <param name="Probe">The path the probe request asked for.</param>
public sealed record BurstResult(string Path, int Requests, long AllDoneMs, long PingMs, int ThreadsBefore, int PeakThreads, long PeakQueued,
    int HeldPeak, IReadOnlyList<ThreadPoolAdjustment> Adjustments, string Probe = "/ping")
{
    /// <summary>How far the runtime raised its goal for <paramref name="reason"/> during the burst (the sum of the rises).</summary>
    public int Added(ThreadPoolAdjustmentReason reason) =>
        Adjustments.Where(a => a.Reason == reason && a.Change > 0).Sum(a => a.Change ?? 0);

    /// <summary>The adjustments made for <paramref name="reason"/>, oldest first.</summary>
    public IReadOnlyList<ThreadPoolAdjustment> For(ThreadPoolAdjustmentReason reason) => [.. Adjustments.Where(a => a.Reason == reason)];

    /// <summary>The times between consecutive adjustments made for <paramref name="reason"/> (empty with fewer than two).</summary>
    public IReadOnlyList<TimeSpan> Gaps(ThreadPoolAdjustmentReason reason)
    {
        var times = For(reason);
        return [.. times.Zip(times.Skip(1), (earlier, later) => later.At - earlier.At)];
    }

    /// <summary>One line: requests, how long they took, the probe's time, threads, queue and blocked threads.</summary>
    public string Line => $"{Requests} × {Path,-8}  all done in {AllDoneMs,5} ms   {Probe} took {PingMs,5} ms   threads (existing) {ThreadsBefore,3} → peak {PeakThreads,3}   " +
        $"queued items (peak) {PeakQueued,4}   blocked threads at once (peak) {HeldPeak,3}";

    /// <summary>The line, then the runtime's adjustments during the burst as a table.</summary>
    public string Report => $"{Line}\nthe runtime's thread-pool adjustments during the burst:\n{ThreadPoolEvents.Table(Adjustments)}";

    /// <inheritdoc/>
    public override string ToString() => Line;
}
