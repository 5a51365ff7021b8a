// Mistake: answers 405 only to the methods it thought of (POST and DELETE), so PUT /ping still gets "pong".
// Expect: PUT /ping
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    if (context.Request.Path != "/ping")
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    if (context.Request.Method == "POST" || context.Request.Method == "DELETE")
    {
        context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
        context.Response.Headers.Allow = "GET";
        return;
    }
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
