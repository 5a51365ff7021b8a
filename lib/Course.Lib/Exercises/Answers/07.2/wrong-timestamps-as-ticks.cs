// Mistake: takes GetTimestamp() values but turns their difference into a duration as if they were TimeSpan ticks:
// timestamps count in the provider's TimestampFrequency, which GetElapsedTime applies.
// Expect: off by a constant factor
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnStarting(() =>
    {
        var elapsed = TimeSpan.FromTicks(time.GetTimestamp() - start);
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={elapsed.TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
