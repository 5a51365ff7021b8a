// Mistake: app.Map instead of app.MapGet: the endpoint answers every method, so POST /hello/Ada gets 200, not 405.
// Expect: app.Map answers every method; MapGet answers only GET
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.Map("/hello/{name}", (string name, string greeting = "Hello") => $"{greeting}, {name}!");
}
