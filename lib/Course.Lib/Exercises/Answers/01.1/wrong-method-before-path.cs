// Mistake: decides the method before the path, so POST /nowhere gets 405 instead of 404.
// Expect: POST /nowhere should answer 404 Not Found
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    if (!HttpMethods.IsGet(context.Request.Method))
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET";
        return;
    }
    if (context.Request.Path != "/ping")
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
