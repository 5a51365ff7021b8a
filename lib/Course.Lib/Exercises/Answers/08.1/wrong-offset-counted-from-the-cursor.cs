// Mistake: decodes the cursor's position, then counts the rows up to it and skips that many: an offset in disguise, which
// returns the right rows but still walks every row before the cursor.
// Expect: The page query has an OFFSET
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
        // The rows up to and including the cursor's row, counted: the page starts after them.
        var skip = after is { } k
            ? await db.Products.CountAsync(p => p.CreatedAt < k.Key || (p.CreatedAt == k.Key && p.Id <= k.Id), token)
            : 0;
        var items = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Skip(skip).Take(size + 1).ToListAsync(token);
        var hasNext = items.Count > size;
        if (hasNext)
        {
            items.RemoveAt(size);
        }
        var next = hasNext ? codec.Encode(new KeysetPosition<long>(items[^1].CreatedAt, items[^1].Id), PageDirection.Next) : null;
        return Results.Ok(new { items, next });
    });
}
