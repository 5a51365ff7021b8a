// Mistake: CreatedAtRoute with a value the route does not have (userId for {id}): the router finds no URL and throws, a 500.
// Expect: No route matches the supplied values
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
    app.MapPost("/users", (NewUser user) =>
    {
        var id = Interlocked.Increment(ref nextId);
        users[id] = user.Name;
        return Results.CreatedAtRoute("GetUser", new { userId = id }, new { id, name = user.Name });
    });
}
record NewUser(string Name);
