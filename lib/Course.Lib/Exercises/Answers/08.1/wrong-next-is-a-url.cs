// Mistake: answers next as a URL to follow (/products?cursor=…), like section 6's demo, where the exercise's envelope
// carries the bare cursor.
// Expect: a URL
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
        var page = await db.Products.ToKeysetPageAsync(p => p.CreatedAt, p => p.Id, after, PageDirection.Next, size, token);
        var last = page.Items.Count > 0 ? page.Items[^1] : null;
        var next = page.HasNext && last is not null
            ? "/products?cursor=" + Uri.EscapeDataString(codec.Encode(new KeysetPosition<long>(last.CreatedAt, last.Id), PageDirection.Next))
            : null;
        return Results.Ok(new { items = page.Items, next });
    });
}
