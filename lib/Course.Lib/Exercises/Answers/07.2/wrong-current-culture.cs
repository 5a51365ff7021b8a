// Mistake: formats the duration with the server's culture: where the decimal separator is a comma, the header
// says app;dur=12,75, which no browser or tool reads as 12.75 ms.
// Expect: InvariantCulture
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    var start = time.GetTimestamp();
    context.Response.OnStarting(() =>
    {
        context.Response.Headers["Server-Timing"] = $"app;dur={time.GetElapsedTime(start).TotalMilliseconds}";
        return Task.CompletedTask;
    });
    await next(context);
};
