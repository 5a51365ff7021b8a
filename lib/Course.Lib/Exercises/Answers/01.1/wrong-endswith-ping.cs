// Mistake: matches the path by its end (EndsWith("ping")), so GET /xping and GET /api/ping answer "pong" too.
// Expect: GET /xping
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    if (!context.Request.Path.Value!.EndsWith("ping"))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    if (!HttpMethods.IsGet(context.Request.Method))
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET";
        return;
    }
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
