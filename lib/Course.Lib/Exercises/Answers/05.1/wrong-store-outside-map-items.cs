// Mistake: declares the items and the id counter at the cell's top level, outside MapItems: every app (each case, each re-run) shares one store, so a fresh app already has "Keyboard".
// Expect: inside MapItems
// Exercise 05.1: an items CRUD with exactly the right status codes.
record ItemIn(string Name, decimal Price);
record Item(int Id, string Name, decimal Price);

var items = new ConcurrentDictionary<int, Item>();
var lastId = 0;

void MapItems(WebApplication app)
{

    app.MapPost("/items", (ItemIn input) =>
    {
        if (items.Values.Any(existing => existing.Name == input.Name))
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: $"An item named '{input.Name}' already exists.");
        }
        var item = new Item(Interlocked.Increment(ref lastId), input.Name, input.Price);
        items[item.Id] = item;
        return Results.Created($"/items/{item.Id}", item);
    });
    app.MapGet("/items/{id:int}", (int id) =>
        items.TryGetValue(id, out var item) ? Results.Ok(item) : Results.NotFound());
    app.MapPut("/items/{id:int}", (int id, ItemIn input) =>
    {
        if (!items.ContainsKey(id))
        {
            return Results.NotFound();
        }
        items[id] = new Item(id, input.Name, input.Price);
        return Results.NoContent();
    });
    app.MapDelete("/items/{id:int}", (int id) =>
        items.TryRemove(id, out _) ? Results.NoContent() : Results.NotFound());
}
