// Mistake: sets the header after next(): by then an endpoint that wrote its body has sent the headers, and setting one throws.
// Expect: OnStarting
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    await next(context);
    context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalMilliseconds:0.###}");
};
