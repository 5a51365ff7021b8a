// Mistake: sets the header in Response.OnCompleted, "when the request is done": that callback runs after the response
// has been sent, so the header never reaches the client.
// Expect: OnCompleted
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnCompleted(() =>
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={time.GetElapsedTime(start).TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
