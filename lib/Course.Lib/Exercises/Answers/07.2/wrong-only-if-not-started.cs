// Mistake: sets the header after next() only when the response has not started: no exception, but every response
// with a body goes out without the header.
// Expect: OnStarting
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    await next(context);
    if (!context.Response.HasStarted)
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalMilliseconds:0.###}");
    }
};
