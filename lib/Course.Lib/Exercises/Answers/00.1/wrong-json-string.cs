// Mistake: wraps the greeting in Results.Ok, which serializes it as a JSON string: "\"Hello, Ada!\"", quotes included.
// Expect: answered the JSON string
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string name, string greeting = "Hello") => Results.Ok($"{greeting}, {name}!"));
}
