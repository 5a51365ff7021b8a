using Course.Notebooks.Sessions;

namespace Course.Notebooks.Execution;

/// <summary>
/// Enforces time limits and interrupts on a dedicated thread (not the thread pool, which a cell may
/// starve on purpose). It asks the running cell to stop through its <see cref="CellRun.Scope"/>; a
/// cell that does not stop within the grace period is stuck in code that ignores cancellation, so
/// the watchdog completes it with an error that tells the session to restart.
/// </summary>
internal sealed class Watchdog
{
    private readonly object _lock = new(); // Monitor.Wait/Pulse need a monitor, not a Lock
    private readonly TimeSpan _grace;
    private CellRun? _run;
    private long _deadlineTicks = long.MaxValue;

    public Watchdog(TimeSpan grace)
    {
        _grace = grace;
        new Thread(Loop) { IsBackground = true, Name = "course-watchdog" }.Start();
    }

    /// <summary>Watches a run from the moment it is taken up, so it can be interrupted while it restores or compiles.</summary>
    public void Watch(CellRun run)
    {
        lock (_lock)
        {
            _run = run;
            _deadlineTicks = long.MaxValue;
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Starts the run's time limit: its own code is about to run.</summary>
    public void StartClock(CellRun run)
    {
        lock (_lock)
        {
            if (_run == run && run.Request.TimeLimitMs > 0)
            {
                _deadlineTicks = Environment.TickCount64 + run.Request.TimeLimitMs;
                Monitor.PulseAll(_lock);
            }
        }
    }

    public void Unwatch(CellRun run)
    {
        lock (_lock)
        {
            if (_run == run)
            {
                _run = null;
                _deadlineTicks = long.MaxValue;
            }
            Monitor.PulseAll(_lock);
        }
    }

    /// <summary>Interrupts the run with this execution count, if it is still the one running.</summary>
    public void Interrupt(int executionCount)
    {
        CellRun? run;
        lock (_lock)
        {
            run = _run?.Request.ExecutionCount == executionCount ? _run : null;
        }
        if (run is null)
        {
            return;
        }
        run.RequestStop(StopReason.Interrupted);
        lock (_lock)
        {
            if (_run == run)
            {
                _deadlineTicks = Environment.TickCount64; // wake up to give up on it if it does not stop
                Monitor.PulseAll(_lock);
            }
        }
    }

    private void Loop()
    {
        while (true)
        {
            CellRun run;
            lock (_lock)
            {
                while (_run is null || Environment.TickCount64 < _deadlineTicks)
                {
                    var wait = _run is null || _deadlineTicks == long.MaxValue
                        ? Timeout.Infinite
                        : (int)Math.Clamp(_deadlineTicks - Environment.TickCount64, 1, int.MaxValue);
                    Monitor.Wait(_lock, wait);
                }
                run = _run;
                _deadlineTicks = long.MaxValue; // handled: don't fire twice for this run
            }
            run.RequestStop(StopReason.TimeLimit); // does nothing when already interrupted or completed
            GiveUpIfStuck(run);
        }
    }

    private void GiveUpIfStuck(CellRun run)
    {
        var giveUpAt = Environment.TickCount64 + (long)_grace.TotalMilliseconds;
        while (!run.IsCompleted && Environment.TickCount64 < giveUpAt)
        {
            Thread.Sleep(20);
        }
        if (run.IsCompleted)
        {
            return;
        }
        var reason = run.StopReason;
        var message = run.StopMessage(reason) +
            " It is still running inside code that does not observe cancellation (a blocking wait, Thread.Sleep, " +
            "or an await without a token), so the notebook's process must be restarted.";
        run.TryComplete(
            reason == StopReason.Interrupted ? CellStatus.Interrupted : CellStatus.TimedOut,
            needsRestart: true,
            new ErrorOutput(reason == StopReason.Interrupted ? ErrorKind.Interrupted : ErrorKind.TimeLimit,
                reason == StopReason.Interrupted ? "Interrupted" : "TimeLimitExceeded", message, null, [message]));
    }
}
