// Mistake: answers "pong" to every request, whatever the path and the method.
// Expect: should answer 404 Not Found, but answered 200 OK
// Exercise 01.1: a raw app — one RequestDelegate, no routing.
// GET /ping → 200 "pong" (text/plain); another method on /ping → 405 with Allow: GET; any other path → 404.
RequestDelegate PingApp = async context =>
{
    context.Response.ContentType = "text/plain";
    await context.Response.WriteAsync("pong");
};
