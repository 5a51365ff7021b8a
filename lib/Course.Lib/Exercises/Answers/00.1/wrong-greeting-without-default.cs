// Mistake: reads ?greeting= but gives it no default, so a request without it does not say "Hello".
// Expect: defaults to "Hello"
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string name, string greeting) => $"{greeting}, {name}!");
}
