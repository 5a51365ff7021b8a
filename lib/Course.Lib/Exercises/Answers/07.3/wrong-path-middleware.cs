// Mistake: a middleware on the /admin path (UseWhen) instead of an endpoint filter: it answers 401 even where
// no endpoint exists, so /admin/nowhere is a 401 instead of a 404.
// Expect: a middleware checks the key for every /admin path
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    app.UseWhen(context => context.Request.Path.StartsWithSegments("/admin"), branch => branch.Use(async (HttpContext context, RequestDelegate next) =>
    {
        if (context.Request.Headers["X-Api-Key"] != "s3cret")
        {
            context.Response.StatusCode = 401;
            return;
        }
        await next(context);
    }));
    var admin = app.MapGroup("/admin");
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
