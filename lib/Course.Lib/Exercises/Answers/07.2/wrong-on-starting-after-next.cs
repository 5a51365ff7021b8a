// Mistake: registers the OnStarting callback after next(): for an endpoint that wrote its body, the response has
// already started and registering throws.
// Expect: Register context.Response.OnStarting(…) before you call next
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    await next(context);
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
};
