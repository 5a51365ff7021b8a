// Mistake: accepts any key that starts with the secret (StartsWith), so "s3cret-and-more" opens the group.
// Expect: must match exactly
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.AddEndpointFilter(async (context, next) =>
        context.HttpContext.Request.Headers["X-Api-Key"].ToString().StartsWith("s3cret", StringComparison.Ordinal)
            ? await next(context)
            : TypedResults.Unauthorized());
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
