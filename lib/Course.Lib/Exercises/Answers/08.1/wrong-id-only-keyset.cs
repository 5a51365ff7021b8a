// Mistake: the notes' "next results after ID = 12345": keyset on the Id alone, so the rows do not come in the
// (CreatedAt, Id) order the endpoint promises.
// Expect: not in (CreatedAt, Id) order
// Exercise 08.1: GET /products?cursor=&limit= → { items, next }, keyset on (CreatedAt, Id).
void MapKeyset(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
    {
        var size = Math.Min(query.Limit ?? 20, 100);
        if (size < 1)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
        }
        IQueryable<Product> rows = db.Products;
        if (query.Cursor is not null)
        {
            if (!codec.TryDecode<long>(query.Cursor, out var position, out var direction) || direction != PageDirection.Next)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            }
            var (k, i) = (position.Key, position.Id);
            rows = rows.Where(p => p.Id > i);
        }
        var items = await rows.OrderBy(p => p.Id).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext) items.RemoveAt(size);
        var next = hasNext ? codec.Encode(new KeysetPosition<long>(items[^1].CreatedAt, items[^1].Id), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
