// Mistake: a plain string greeting with no default, and ?? "Hello" in the body. It works in a cell (nullable off: the
// parameter is optional), but in a project (nullable on) a string parameter is required: no ?greeting= answers 400.
// Expect: in a project (dotnet new web: nullable on)
// Exercise 00.1: GET /hello/{name} → "Hello, <name>!"; GET /hello/{name}?greeting=Hi → "Hi, <name>!".
void MapHello(WebApplication app)
{
    app.MapGet("/hello/{name}", (string name, string greeting) => $"{greeting ?? "Hello"}, {name}!");
}
