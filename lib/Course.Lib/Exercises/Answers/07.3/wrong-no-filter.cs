// Mistake: the endpoints without any guard.
// Expect: nothing guards this endpoint
// Exercise 07.3: an API-key filter for the /admin group only. Return the group: the check maps one more endpoint on it.
RouteGroupBuilder MapAdmin(WebApplication app)
{
    var admin = app.MapGroup("/admin");
    admin.MapGet("/stats", () => new { orders = 3 });
    admin.MapDelete("/cache", () => TypedResults.NoContent());
    return admin;
}
