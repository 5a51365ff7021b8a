// Mistake: GET /admin/stats returns the string "{\"orders\": 3}", which ASP.NET Core writes as text/plain, not JSON.
// Expect: application/json
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.Headers["X-Api-Key"] == "s3cret"
            ? await next(context)
            : TypedResults.Unauthorized());
    admin.MapGet("/stats", () => "{\"orders\": 3}");
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
