namespace Course.Exercises;

/// <summary>Runs one check case with a time limit and turns whatever happens into a <see cref="CaseResult"/>.</summary>
internal static class CaseRunner
{
    public static CaseResult Run(string name, Func<CancellationToken, Task> run, TimeSpan timeLimit) => Run(name, run, timeLimit, out _);

    /// <summary>Runs one case; <paramref name="timedOut"/> tells that it passed its limit and may still be running.</summary>
    public static CaseResult Run(string name, Func<CancellationToken, Task> run, TimeSpan timeLimit, out bool timedOut)
    {
        timedOut = false;
        using var timeout = new CancellationTokenSource(timeLimit);
        // On the thread pool, so the limit holds even when the answer blocks or loops without awaiting.
        var task = Task.Run(() => run(timeout.Token), CancellationToken.None);
        bool finished;
        try
        {
            finished = task.Wait(timeLimit);
        }
        catch (AggregateException)
        {
            finished = true;
        }
        if (!finished || (task.IsCanceled && timeout.IsCancellationRequested))
        {
            // A .NET thread cannot be aborted: the answer may go on running, but its result is ignored.
            _ = task.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            timedOut = true;
            return new CaseResult(name, CaseOutcome.Failed,
                $"Did not finish within {timeLimit.TotalSeconds:0.#} s: an endless loop, or waiting for something that never happens?");
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
