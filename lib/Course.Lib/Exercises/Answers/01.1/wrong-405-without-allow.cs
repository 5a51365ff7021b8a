// Mistake: answers 405 to the other methods but does not say which method is allowed (no Allow header).
// Expect: Allow: GET, but sent no Allow header
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    if (context.Request.Path != "/ping")
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    if (!HttpMethods.IsGet(context.Request.Method))
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        return;
    }
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
