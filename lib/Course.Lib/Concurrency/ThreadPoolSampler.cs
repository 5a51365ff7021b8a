using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Course.Concurrency;

/// <summary>
/// Watches the thread pool while something runs: every <c>interval</c> it records how many pool threads exist
/// (<see cref="ThreadPool.ThreadCount"/>), how many work items wait in its queues
/// (<see cref="ThreadPool.PendingWorkItemCount"/>) and how many it has completed. It samples from a thread of its
/// own, not a pool thread, so it keeps sampling while the pool is starved. Dispose it (or call <see cref="Stop"/>) to
/// stop sampling; ending a cell with it shows the samples as a table.
/// </summary>
/// <example>
/// <code>
/// var sampler = ThreadPoolSampler.Start(TimeSpan.FromMilliseconds(250));
/// await Task.WhenAll(requests);
/// sampler.Stop();
/// sampler   // t (ms), pool threads, queued work items, completed
/// </code>
/// </example>
public sealed class ThreadPoolSampler : IDisposable
{
    private readonly TimeSpan _interval;
    private readonly Lock _gate = new();
    private readonly List<ThreadPoolSample> _samples = [];
    private readonly ManualResetEventSlim _stop = new();
    private readonly Thread _thread;
    private readonly long _start;
    private readonly long _completedAtStart;

    private ThreadPoolSampler(TimeSpan interval)
    {
        _interval = interval;
        _start = Stopwatch.GetTimestamp();
        _completedAtStart = ThreadPool.CompletedWorkItemCount;
        Take();
        _thread = new Thread(Sample) { IsBackground = true, Name = "Course thread-pool sampler" };
        _thread.Start();
    }

    /// <summary>Starts sampling now (the first sample is taken at once) and then every <paramref name="interval"/>.</summary>
    public static ThreadPoolSampler Start(TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(interval, TimeSpan.FromMilliseconds(1));
        return new ThreadPoolSampler(interval);
    }

    /// <summary>The samples taken so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<ThreadPoolSample> Samples
    {
        get
        {
            lock (_gate)
            {
                return [.. _samples];
            }
        }
    }

    /// <summary>The most pool threads seen in a sample.</summary>
    public int PeakThreads => Samples.Max(s => s.Threads);

    /// <summary>The most queued work items seen in a sample.</summary>
    public long PeakQueued => Samples.Max(s => s.Queued);

    /// <summary>Takes a last sample and stops sampling (waits for the sampling thread to end).</summary>
    public void Stop()
    {
        if (_stop.IsSet)
        {
            return;
        }
        _stop.Set();
        _thread.Join();
        Take();
    }

    /// <summary>Stops sampling.</summary>
    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    /// <summary>
    /// The samples at every <paramref name="step"/> from the start up to <paramref name="until"/>: for each point in
    /// time, the latest sample taken at or before it. Always the same number of rows for the same arguments, whatever
    /// the machine's timing, so a cell can print it as a table.
    /// </summary>
    public IReadOnlyList<ThreadPoolSample> Every(TimeSpan step, TimeSpan until)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(step, TimeSpan.FromMilliseconds(1));
        var samples = Samples;
        var rows = new List<ThreadPoolSample>();
        for (var at = TimeSpan.Zero; at <= until; at += step)
        {
            var latest = samples.LastOrDefault(s => s.At <= at) ?? samples[0];
            rows.Add(latest with { At = at });
        }
        return rows;
    }

    /// <summary>The samples as a text table: time, pool threads, queued work items, work items completed since the start.</summary>
    public override string ToString() => Table(Samples);

    /// <summary>Formats <paramref name="samples"/> as a text table.</summary>
    public static string Table(IEnumerable<ThreadPoolSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder("    t (ms)  pool threads  queued items  completed items\n");
        foreach (var s in samples)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.At.TotalMilliseconds,10:0}  {s.Threads,12}  {s.Queued,12}  {s.Completed,15}\n");
        }
        return text.ToString().TrimEnd('\n');
    }

    private void Sample()
    {
        while (!_stop.Wait(_interval))
        {
            Take();
        }
    }

    private void Take()
    {
        var sample = new ThreadPoolSample(Stopwatch.GetElapsedTime(_start), ThreadPool.ThreadCount, ThreadPool.PendingWorkItemCount,
            ThreadPool.CompletedWorkItemCount - _completedAtStart);
        lock (_gate)
        {
            _samples.Add(sample);
        }
    }
}

/// <summary>One look at the thread pool, taken by <see cref="ThreadPoolSampler"/>.</summary>
/// <param name="At">Time since sampling started.</param>
/// <param name="Threads">Pool threads that existed (<see cref="ThreadPool.ThreadCount"/>).</param>
/// <param name="Queued">Work items waiting for a pool thread (<see cref="ThreadPool.PendingWorkItemCount"/>).</param>
/// <param name="Completed">Work items the pool completed since sampling started.</param>
public sealed record ThreadPoolSample(TimeSpan At, int Threads, long Queued, long Completed);
