// Mistake: LinkGenerator.GetPathByName without the HttpContext: the router builds the path, but without the path base.
// Expect: without the HttpContext
// Exercise 04.3: GET /users/me and GET /users/{id} side by side (/users/abc → 404), POST /users → 201 with a
// Location the router builds from a named route, and 405 + Allow for a method a path does not have.
void MapUsers(WebApplication app)
{
    var users = new ConcurrentDictionary<int, string>();
    var nextId = 0;
    app.MapGet("/users/me", () => new { me = true });
    app.MapGet("/users/{id:int}", (int id) =>
        users.TryGetValue(id, out var name) ? Results.Ok(new { id, name }) : Results.NotFound())
        .WithName("GetUser");
    app.MapPost("/users", (NewUser user, LinkGenerator links) =>
    {
        var id = Interlocked.Increment(ref nextId);
        users[id] = user.Name;
        return Results.Created(links.GetPathByName("GetUser", new { id }), new { id, name = user.Name });
    });
}
record NewUser(string Name);
