// Mistake: takes the start timestamp once, when the middleware is created, not at each request: every request reports
// the time since the app started.
// Expect: each request
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time)
{
    var start = time.GetTimestamp();
    return async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var elapsed = time.GetElapsedTime(start);
            context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
            return Task.CompletedTask;
        });
        await next(context);
    };
}
