// Mistake: refuses only the keys it expects to be tried (none, "nope", the secret in other case) instead of
// accepting only the secret.
// Expect: refuse every other value
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.AddEndpointFilter(async (context, next) =>
    {
        string key = context.HttpContext.Request.Headers["X-Api-Key"].ToString();
        return key.Length == 0 || key == "nope" || (key != "s3cret" && key.ToLowerInvariant() == "s3cret")
            ? TypedResults.Unauthorized()
            : await next(context);
    });
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
