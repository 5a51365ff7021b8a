// Mistake: writes the duration in seconds (elapsed.TotalSeconds), the unit of Python's time.time() difference:
// Server-Timing's dur is in milliseconds, so 250 ms reads as a quarter of a millisecond.
// Expect: in milliseconds
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalSeconds:0.#####}");
        return Task.CompletedTask;
    });
    await next(context);
};
