// Mistake: loads the whole table (ToListAsync) and pages the list in memory: right rows, every row read for every page.
// Expect: The query has no LIMIT
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
        var all = await db.Products.OrderBy(p => p.Id).ToListAsync(token);
        var items = all.Skip((int)Math.Min((long)(page - 1) * size, int.MaxValue)).Take(size).ToList();
        return Results.Ok(new { page, size, items });
    });
}
