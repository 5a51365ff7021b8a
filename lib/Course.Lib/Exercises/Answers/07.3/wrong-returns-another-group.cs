// Mistake: guards its group but returns a fresh app.MapGroup("/admin"), a second group without the filter: an
// endpoint mapped on what MapAdmin returns is open.
// Expect: and return that group
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.Headers["X-Api-Key"] == "s3cret"
            ? await next(context)
            : TypedResults.Unauthorized());
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return app.MapGroup("/admin");
}
