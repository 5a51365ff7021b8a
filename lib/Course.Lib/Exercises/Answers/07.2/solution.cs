// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnStarting(() =>   // times the request until its headers leave; a streamed body comes after (the log or a metric has the whole)
    {
        var elapsed = time.GetElapsedTime(start);
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
