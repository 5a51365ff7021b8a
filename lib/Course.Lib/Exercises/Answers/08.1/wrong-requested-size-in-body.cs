// Mistake: clamps the query but reports the size the client asked for, so the body says size 1000 for a page of 50.
// Expect: the size actually used
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
    {
        var page = query.Page ?? 1;
        var size = query.Size ?? 10;
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (size < 1) errors["size"] = ["size must be 1 or more."];
        var take = Math.Min(size, 50);
        if (errors.Count == 0 && (long)(page - 1) * take > int.MaxValue) errors["page"] = ["page is too large."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var items = await db.Products.OrderBy(p => p.Id).Skip((page - 1) * take).Take(take).ToListAsync(token);
        return Results.Ok(new { page, size, items });
    });
}
