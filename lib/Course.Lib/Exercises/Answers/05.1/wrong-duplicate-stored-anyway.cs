// Mistake: stores the new item first and then answers 409 for a duplicate name: the rejected item stays, under a new id.
// Expect: found the rejected duplicate
// Exercise 05.1: an items CRUD with exactly the right status codes.
record ItemIn(string Name, decimal Price);
record Item(int Id, string Name, decimal Price);

void MapItems(WebApplication app)
{
    var items = new ConcurrentDictionary<int, Item>();
    var lastId = 0;

    app.MapPost("/items", (ItemIn input) =>
    {
        var item = new Item(Interlocked.Increment(ref lastId), input.Name, input.Price);
        items[item.Id] = item;
        if (items.Values.Count(existing => existing.Name == input.Name) > 1)
        {
            return Results.Problem(statusCode: 409, title: "Conflict", detail: $"An item named '{input.Name}' already exists.");
        }
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
