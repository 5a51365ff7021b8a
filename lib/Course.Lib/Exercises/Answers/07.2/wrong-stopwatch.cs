// Mistake: measures with a Stopwatch instead of the TimeProvider it is given, so a test's fake clock (or any
// TimeProvider) is ignored.
// Expect: not a Stopwatch or DateTime
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var watch = Stopwatch.StartNew();
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["Server-Timing"] = FormattableString.Invariant($"app;dur={watch.Elapsed.TotalMilliseconds:0.###}");
        return Task.CompletedTask;
    });
    await next(context);
};
