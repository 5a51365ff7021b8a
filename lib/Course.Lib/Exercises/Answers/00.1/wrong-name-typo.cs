// Mistake: a typo in the parameter's name (nam, not name): it no longer matches the route's {name}, so it is read from
// the query string, and it is required: every request answers 400 Bad Request.
// Expect: spelled name, as {name} in the route
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string nam, string greeting = "Hello") => $"{greeting}, {nam}!");
}
