// Mistake: keeps the taken names in a set that POST and DELETE update, but PUT does not: after a rename, the old name stays taken
//   and the new one is free.
// Expect: no existing item has that name any more
// Exercise 05.1: an items CRUD with exactly the right status codes.
record ItemIn(string Name, decimal Price);
record Item(int Id, string Name, decimal Price);

void MapItems(WebApplication app)
{
    var items = new ConcurrentDictionary<int, Item>();
    var lastId = 0;
    var names = new HashSet<string>();

    app.MapPost("/items", (ItemIn input) =>
    {
        if (!names.Add(input.Name))
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
    {
        if (!items.TryRemove(id, out var removed))
        {
            return Results.NotFound();
        }
        names.Remove(removed.Name);
        return Results.NoContent();
    });
}
