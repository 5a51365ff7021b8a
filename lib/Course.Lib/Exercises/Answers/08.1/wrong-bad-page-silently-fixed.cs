// Mistake: "fixes" a bad page or size silently (page 0 becomes 1) instead of answering 400 problem details.
// Expect: should answer 400 Bad Request
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
    {
        var page = Math.Max(query.Page ?? 1, 1);
        var size = Math.Clamp(query.Size ?? 10, 1, 50);
        var offset = (long)(page - 1) * size;
        var items = offset > int.MaxValue
            ? new List<Product>()
            : await db.Products.OrderBy(p => p.Id).Skip((int)offset).Take(size).ToListAsync(token);
        return Results.Ok(new { page, size, items });
    });
}
