// Mistake: computes the offset in checked arithmetic: ?page=2147483647 throws an OverflowException, a 500, where
// the client should get an empty page or a 400.
// Expect: threw an OverflowException
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
    {
        var page = query.Page ?? 1;
        var size = Math.Min(query.Size ?? 10, 50);
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (size < 1) errors["size"] = ["size must be 1 or more."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var items = await db.Products.OrderBy(p => p.Id)
            .Skip(checked((page - 1) * size)).Take(size).ToListAsync(token);
        return Results.Ok(new { page, size, items });
    });
}
