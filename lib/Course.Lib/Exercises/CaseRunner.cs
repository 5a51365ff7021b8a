using System.Globalization;
using Course.Measuring;

namespace Course.Exercises;

/// <summary>Runs one check case with a time limit and turns whatever happens into a <see cref="CaseResult"/>.</summary>
internal static class CaseRunner
{
    public static CaseResult Run(string name, Func<CancellationToken, Task> run, TimeSpan timeLimit) => Run(name, run, timeLimit, out _);

    /// <summary>Runs one case; <paramref name="timedOut"/> tells that it passed its limit and may still be running.</summary>
    public static CaseResult Run(string name, Func<CancellationToken, Task> run, TimeSpan timeLimit, out bool timedOut) =>
        Run(name, run, timeLimit, MachineWasBusy, out timedOut);

    // How many more time limits a case gets while other processes keep the machine busy: a case that only needs a
    // fair share of the CPU finishes; an endless loop or a wait that never ends still fails, later.
    internal const int BusyExtensions = 2;

    /// <summary>
    /// Runs one case. When it passes <paramref name="timeLimit"/> while <paramref name="busy"/> says other processes
    /// took the machine meanwhile, it gets the limit again, up to <see cref="BusyExtensions"/> times.
    /// </summary>
    internal static CaseResult Run(string name, Func<CancellationToken, Task> run, TimeSpan timeLimit, Func<CpuLoad, bool> busy, out bool timedOut)
    {
        timedOut = false;
        using var timeout = new CancellationTokenSource();
        var start = CpuReading.Now(TimeProvider.System);
        // On the thread pool, so the limit holds even when the answer blocks or loops without awaiting.
        var task = Task.Run(() => run(timeout.Token), CancellationToken.None);
        var finished = Wait(task, timeLimit);
        var extensions = 0;
        CpuLoad? busyLoad = null;
        while (!finished && extensions < BusyExtensions && CpuReading.Now(TimeProvider.System).Since(start, TimeProvider.System) is var load && busy(load))
        {
            extensions++;
            busyLoad = load;
            finished = Wait(task, timeLimit);
        }
        if (!finished)
        {
            timeout.Cancel();
            // A .NET thread cannot be aborted: the answer may go on running, but its result is ignored.
            _ = task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            timedOut = true;
            var limit = string.Create(CultureInfo.InvariantCulture, $"{(timeLimit * (extensions + 1)).TotalSeconds:0.#} s");
            return new CaseResult(name, CaseOutcome.Failed, busyLoad is { } machine
                ? $"Did not finish within {limit} (the limit was extended because the machine was busy: {machine}): an endless loop, or waiting for something that never happens? If the machine is still busy, run the check again when it is quieter."
                : $"Did not finish within {limit}: an endless loop, or waiting for something that never happens?");
        }
        if (task.IsCompletedSuccessfully)
        {
            return new CaseResult(name, CaseOutcome.Passed, "");
        }
        var error = ErrorOf(task);
        return FailureExplainer.Chain(error).FirstOrDefault(e => e is NotImplementedException or CheckFailedException) switch
        {
            CheckFailedException failed => new CaseResult(name, CaseOutcome.Failed, failed.Message),
            NotImplementedException => new CaseResult(name, CaseOutcome.NotAttempted, "Not implemented yet (the starter's NotImplementedException)."),
            _ => new CaseResult(name, CaseOutcome.Failed, FailureExplainer.Explain(error)),
        };
    }

    private static bool Wait(Task task, TimeSpan timeLimit)
    {
        try
        {
            return task.Wait(timeLimit);
        }
        catch (AggregateException)
        {
            return true;
        }
    }

    // Other processes used at least half of the machine's cores while the case ran (known on Linux only).
    private static bool MachineWasBusy(CpuLoad load) => load.OtherCores >= Environment.ProcessorCount / 2.0;

    /// <summary>
    /// Why a task did not complete. A task cancelled by the answer's own code (not by the time limit)
    /// has no <see cref="Task.Exception"/>; awaiting it rethrows the cancellation, which is the answer's error.
    /// </summary>
    private static Exception ErrorOf(Task task)
    {
        if (task.Exception is { } exception)
        {
            return exception;
        }
        try
        {
            task.GetAwaiter().GetResult();
        }
        catch (Exception cancellation)
        {
            return cancellation;
        }
        throw new InvalidOperationException("The task completed successfully; there is no error to report.");
    }
}
