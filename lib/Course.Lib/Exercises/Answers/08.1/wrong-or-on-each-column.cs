// Mistake: mistranslates the row value (CreatedAt, Id) > (k, i) as CreatedAt > k || Id > i: rows created before the cursor's
// row but with a larger Id come back on later pages.
// Expect: lets rows from before the cursor back in
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
        KeysetPosition<long>? after = null;
        if (query.Cursor is not null)
        {
            if (!codec.TryDecode<long>(query.Cursor, out var position, out var direction) || direction != PageDirection.Next)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            }
            after = position;
        }
        var rows = db.Products.AsQueryable();
        if (after is { } k)
        {
            rows = rows.Where(p => p.CreatedAt > k.Key || p.Id > k.Id);
        }
        // One row more than the page: it proves that another page follows, and is not sent.
        var items = await rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext)
        {
            items.RemoveAt(size);
        }
        var next = hasNext ? codec.Encode(new KeysetPosition<long>(items[^1].CreatedAt, items[^1].Id), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
