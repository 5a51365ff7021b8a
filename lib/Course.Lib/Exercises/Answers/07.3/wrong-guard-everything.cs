// Mistake: over-broad: a middleware that demands the key on every request, so the public GET /status is locked too.
// Expect: reached an endpoint outside /admin
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (context.Request.Headers["X-Api-Key"] != "s3cret")
        {
            context.Response.StatusCode = 401;
            return;
        }
        await next(context);
    });
    var admin = app.MapGroup("/admin");
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
