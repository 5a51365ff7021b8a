// Mistake: maps /hello and takes the name from the query string (?name=Ada), so /hello/Ada matches no endpoint.
// Expect: map the route "/hello/{name}"
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello", (string name, string greeting = "Hello") => $"{greeting}, {name}!");
}
