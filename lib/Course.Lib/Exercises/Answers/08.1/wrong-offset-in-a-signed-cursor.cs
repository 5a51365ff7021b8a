// Mistake: a signed cursor that holds an offset (rows already sent) instead of a position: it looks opaque,
// but pages still shift when rows are inserted before them.
// Expect: not a count of rows
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
        var offset = 0L;
        if (query.Cursor is not null)
        {
            if (!codec.TryDecode<long>(query.Cursor, out var position, out var direction) || direction != PageDirection.Next)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            }
            offset = position.Key;
        }
        var items = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip((int)offset).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext) items.RemoveAt(size);
        var next = hasNext ? codec.Encode(new KeysetPosition<long>(offset + size, 0), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
