// Mistake: queries limit + 1 rows with the requested limit and clamps the list afterwards: the answer looks right, but
// ?limit=1000000 still makes the database read a million rows.
// Expect: LIMIT
// Exercise 08.1: GET /products?cursor=&limit= → { items, next }, keyset on (CreatedAt, Id).
void MapKeyset(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] CursorQuery query, CatalogDb db, CursorCodec codec, CancellationToken token) =>
    {
        var limit = query.Limit ?? 20;
        if (limit < 1)
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
            rows = rows.Where(p => p.CreatedAt > position.Key || (p.CreatedAt == position.Key && p.Id > position.Id));
        }
        var found = await rows.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(limit + 1).ToListAsync(token);
        var size = Math.Min(limit, 100);
        var items = found.Take(size).ToList();
        var next = found.Count > size ? codec.Encode(new KeysetPosition<long>(items[^1].CreatedAt, items[^1].Id), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
