// Mistake: over-broad: no maximum limit, so ?limit=1000000 returns the whole catalogue in one page.
// Expect: the maximum is 100
// Exercise 08.1: GET /products?cursor=&limit= → { items, next }, keyset on (CreatedAt, Id).
void MapKeyset(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
    {
        var size = query.Limit ?? 20;
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
            rows = rows.Where(p => p.CreatedAt > k || (p.CreatedAt == k && p.Id > i));
        }
        var items = await rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext) items.RemoveAt(size);
        var next = hasNext ? codec.Encode(new KeysetPosition<long>(items[^1].CreatedAt, items[^1].Id), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
