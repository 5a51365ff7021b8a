// Mistake: computes the duration before calling next, so it measures nothing of the endpoint's work.
// Expect: measure after the endpoint ran
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    var elapsed = time.GetElapsedTime(start);
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
