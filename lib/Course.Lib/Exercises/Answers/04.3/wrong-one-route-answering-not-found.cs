// Mistake: one route "/users/{who}" that tells "me" from a number itself and answers Not Found for anything else: the
// status is right, but routing matched "abc" and the handler ran for an id that cannot exist.
// Expect: from your handler
// Exercise 04.3: GET /users/me and GET /users/{id} side by side (/users/abc → 404), POST /users → 201 with a
// Location the router builds from a named route, and 405 + Allow for a method a path does not have.
void MapUsers(WebApplication app)
{
    var users = new ConcurrentDictionary<int, string>();
    var nextId = 0;
    app.MapGet("/users/{who}", (string who) =>
        who == "me" ? Results.Ok(new { me = true })
        : int.TryParse(who, out var id) && users.TryGetValue(id, out var name) ? Results.Ok(new { id, name })
        : Results.NotFound())
        .WithName("GetUser");
    app.MapPost("/users", (NewUser user) =>
    {
        var id = Interlocked.Increment(ref nextId);
        users[id] = user.Name;
        return Results.CreatedAtRoute("GetUser", new { who = id }, new { id, name = user.Name });
    });
}
record NewUser(string Name);
