// Mistake: sends Allow: GET, HEAD but answers HEAD /ping with 405: Allow must list only the methods the resource answers.
// Expect: Allow lists the methods the resource answers
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
        context.Response.Headers.Allow = "GET, HEAD";
        return;
    }
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
