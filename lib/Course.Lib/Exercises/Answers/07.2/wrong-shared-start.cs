// Mistake: keeps the start timestamp in one variable shared by every request: overlapping requests overwrite it.
// Expect: overlap
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time)
{
    long start = 0;
    return async (context, next) =>
    {
        start = time.GetTimestamp();
        context.Response.OnStarting(() =>
        {
            var elapsed = time.GetElapsedTime(start);
            context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
            return Task.CompletedTask;
        });
        await next(context);
    };
}
