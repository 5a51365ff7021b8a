// Mistake: a constant greeting that ignores the name.
// Expect: but it was "Hello!"
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", () => "Hello!");
}
