// Mistake: a trivial answer: every row in one page and never a next cursor.
// Expect: has no "next" cursor
// Exercise 08.1: GET /products?cursor=&limit= → { items, next }, keyset on (CreatedAt, Id).
void MapKeyset(WebApplication app)
{
    app.MapGet("/products", async (CatalogDb db, CancellationToken token) =>
        Results.Ok(new { items = await db.Products.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(token), next = (string?)null }));
}
