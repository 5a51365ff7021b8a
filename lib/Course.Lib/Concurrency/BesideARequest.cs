using System.Diagnostics;

namespace Course.Concurrency;

/// <summary>
/// What one request does to the rest of an <see cref="EventLoop"/> (notebook 03, section 3): for about a second, three
/// coroutines share one loop — a heartbeat that records a beat every 50 ms, a read of a socket that another thread
/// writes to 100 ms into the request, and the request itself, which starts at 200 ms and needs 500 ms of "database",
/// either blocking the loop's thread (<c>Thread.Sleep(500)</c>, asyncio's <c>time.sleep</c>) or awaiting
/// (<c>await loop.Sleep(500 ms)</c>).
/// </summary>
/// <example>
/// <code>
/// var blocked = await BesideARequest.RunAsync(blocking: true);
/// blocked.BeatsDuringRequest   // 0: the heartbeat's timer could not fire while the loop's thread slept
/// </code>
/// </example>
public static class BesideARequest
{
    /// <summary>Runs the heartbeat, the read and the request (blocking or awaiting) on a new loop, and reports what happened.</summary>
    public static async Task<LoopStall> RunAsync(bool blocking, CancellationToken cancellationToken = default)
    {
        var (reading, writing) = LoopbackSockets.Pair();
        try
        {
            var loop = new EventLoop();
            var clock = Stopwatch.StartNew();
            var beats = new List<double>();
            double requestStart = 0, requestEnd = 0, written = 0, read = 0;
            using var requestStarted = new ManualResetEventSlim();
            var otherEnd = Task.Run(() => // another thread writes 100 ms after the request starts
            {
                requestStarted.Wait(cancellationToken);
                Thread.Sleep(100);
                Volatile.Write(ref written, clock.Elapsed.TotalMilliseconds);
                writing.Send("data"u8.ToArray());
            }, cancellationToken);

            async Task Heartbeat()
            {
                while (clock.ElapsedMilliseconds < 1000)
                {
                    beats.Add(clock.Elapsed.TotalMilliseconds);
                    await loop.Sleep(TimeSpan.FromMilliseconds(50));
                }
            }

            async Task Request()
            {
                await loop.Sleep(TimeSpan.FromMilliseconds(200));
                requestStart = clock.Elapsed.TotalMilliseconds;
                requestStarted.Set();
                if (blocking)
                {
                    Thread.Sleep(500); // the loop's only thread sleeps
                }
                else
                {
                    await loop.Sleep(TimeSpan.FromMilliseconds(500)); // the loop runs the others meanwhile
                }
                requestEnd = clock.Elapsed.TotalMilliseconds;
            }

            async Task Read()
            {
                await loop.ReceiveAsync(reading, new byte[16]);
                read = clock.Elapsed.TotalMilliseconds;
            }

            await loop.RunAsync(() => Task.WhenAll(Heartbeat(), Request(), Read()), cancellationToken);
            await otherEnd;
            var gaps = beats.Zip(beats.Skip(1), (earlier, later) => later - earlier);
            return new LoopStall(beats.Count, beats.Count(t => t > requestStart && t < requestEnd), gaps.DefaultIfEmpty(0).Max(),
                requestStart, requestEnd, Volatile.Read(ref written), read);
        }
        finally
        {
            reading.Dispose();
            writing.Dispose();
        }
    }
}

/// <summary>What <see cref="BesideARequest.RunAsync"/> saw; times in milliseconds from the start of the run.</summary>
/// <param name="Beats">Heartbeats in the whole run (about a second).</param>
/// <param name="BeatsDuringRequest">Heartbeats while the request ran.</param>
/// <param name="LongestGapMs">The longest time between two heartbeats (50 ms when nothing stalls the loop).</param>
/// <param name="RequestStartMs">When the request started its 500 ms of "database".</param>
/// <param name="RequestEndMs">When the request ended it.</param>
/// <param name="WrittenMs">When the other thread wrote to the socket.</param>
/// <param name="ReadMs">When the loop read the data.</param>
public sealed record LoopStall(int Beats, int BeatsDuringRequest, double LongestGapMs, double RequestStartMs, double RequestEndMs,
    double WrittenMs, double ReadMs)
{
    /// <summary>How long the data waited in the socket before the loop read it.</summary>
    public double ReadLateMs => ReadMs - WrittenMs;
}
