// Mistake: always says Hello: the handler has no greeting parameter, so ?greeting= is never read.
// Expect: the ?greeting= in the query string was ignored
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string name) => $"Hello, {name}!");
}
