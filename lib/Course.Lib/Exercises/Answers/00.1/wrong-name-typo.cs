// Mistake: a typo in the parameter's name (nam, not name): it no longer matches the route's {name}, so it is read from
// the query string. In a notebook (nullable off) it is optional and every answer is "Hello, !"; with nullable on, 400.
// Expect: spelled name, as {name} in the route
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string nam, string greeting = "Hello") => $"{greeting}, {nam}!");
}
