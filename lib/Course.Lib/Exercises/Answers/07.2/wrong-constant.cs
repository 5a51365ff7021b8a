// Mistake: a constant header: the right format, no measurement.
// Expect: on the check's fake clock
// Exercise 07.2: a Server-Timing middleware.
Func<HttpContext, RequestDelegate, Task> ServerTiming(TimeProvider time) => async (context, next) =>
{
    context.Response.Headers["Server-Timing"] = "app;dur=0";
    await next(context);
};
