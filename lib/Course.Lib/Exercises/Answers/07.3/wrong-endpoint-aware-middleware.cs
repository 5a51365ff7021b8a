// Mistake: a middleware that checks the key for /admin requests that matched an endpoint (context.GetEndpoint()):
// it answers 404 for /admin/nowhere like a filter, but the endpoints themselves are unguarded.
// Expect: not by a filter on them
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    app.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (context.GetEndpoint() is not null && context.Request.Path.StartsWithSegments("/admin")
            && context.Request.Headers["X-Api-Key"] != "s3cret")
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
