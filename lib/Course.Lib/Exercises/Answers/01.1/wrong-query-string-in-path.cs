// Mistake: compares the path together with the query string, so GET /ping?from=check is 404.
// Expect: not part of the path
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    if (context.Request.Path + context.Request.QueryString != "/ping")
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
    context.Response.ContentType = "text/plain; charset=utf-8";
    await context.Response.WriteAsync("pong");
};
