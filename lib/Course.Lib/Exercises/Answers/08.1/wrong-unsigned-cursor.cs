// Mistake: the right keyset, but a raw, unsigned cursor "<createdAt>_<id>": any client can edit or forge it.
// Expect: does not verify with the CursorCodec
// Exercise 08.1: GET /products?cursor=&limit= → { items, next }, keyset on (CreatedAt, Id).
void MapKeyset(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CancellationToken token) =>
    {
        var size = Math.Min(query.Limit ?? 20, 100);
        if (size < 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
        }
        IQueryable<Product> rows = db.Products;
        if (query.Cursor is not null)
        {
            var parts = query.Cursor.Split('_');
            if (parts.Length != 2 || !long.TryParse(parts[0], out var k) || !long.TryParse(parts[1], out var i))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            }
            rows = rows.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id > i));
        }
        var items = await rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext) items.RemoveAt(size);
        var next = hasNext ? $"{items[^1].CreatedAt}_{items[^1].Id}" : null;
        return Results.Ok(new { items, next });
    });
}
