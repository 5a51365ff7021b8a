// Mistake: matches the key with Headers["X-Api-Key"].Contains("s3cret"), an element match over StringValues: a request
// sending the header twice, "nope" and "s3cret", gets in.
// Expect: a request carries one key
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.AddEndpointFilter(async (context, next) =>
    {
        var valid = context.HttpContext.Request.Headers["X-Api-Key"].Contains("s3cret");
        return valid ? await next(context) : TypedResults.Unauthorized();
    });
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
