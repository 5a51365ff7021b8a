// Mistake: fetches limit + 1 rows and puts the extra row, not the last one sent, into the cursor: the next page starts
// after it, so one row per page is never sent.
// Expect: the page's last row is
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
        long key = after?.Key ?? long.MinValue, id = after?.Id ?? long.MinValue;
        var rows = await db.Products.Where(p => p.CreatedAt > key || (p.CreatedAt == key && p.Id > id))
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Take(size + 1).ToListAsync(token);
        var page = new { Items = rows.Take(size).ToList() };
        var last = rows.Count > size ? rows[size] : null;   // the extra row
        var next = last is not null
            ? codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next)
            : null;
        return Results.Ok(new { items = page.Items, next });
    });
}
