// Mistake: clamps the limit after the query: it reads up to 1000 rows, cuts the list to 100, and since the query
// found nothing after its 1000 rows, answers next: null — the rows after the first 100 are never reached.
// Expect: clamp after the query
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
        KeysetPosition<long>? after = null;
        if (query.Cursor is not null)
        {
            if (!codec.TryDecode<long>(query.Cursor, out var position, out var direction) || direction != PageDirection.Next)
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not valid."] });
            }
            after = position;
        }
        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, after, PageDirection.Next, limit, token);
        var items = page.Items.Take(100).ToList();
        var last = items.Count > 0 ? items[^1] : null;
        var next = page.HasNext && last is not null
            ? codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next)
            : null;
        return Results.Ok(new { items, next });
    });
}
