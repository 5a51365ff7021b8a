// Mistake: times the request with the wall clock (time.GetUtcNow() differences), Python's time.time() habit: an NTP
// correction during the request makes the duration wrong, even negative.
// Expect: you measured with the wall clock
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetUtcNow();
    context.Response.OnStarting(() =>
    {
        var elapsed = time.GetUtcNow() - start;
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
