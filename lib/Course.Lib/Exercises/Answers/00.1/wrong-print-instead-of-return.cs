// Mistake: prints the greeting with Console.WriteLine and returns nothing, so the response is an empty 200.
// Expect: did you print instead of return?
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string name, string greeting = "Hello") => { Console.WriteLine($"{greeting}, {name}!"); });
}
