// Mistake: writes elapsed.Milliseconds (the milliseconds part, 0–999, whole) instead of elapsed.TotalMilliseconds.
// Expect: TotalMilliseconds
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnStarting(() =>
    {
        var elapsed = time.GetElapsedTime(start);
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.Milliseconds}");
        return Task.CompletedTask;
    });
    await next(context);
};
