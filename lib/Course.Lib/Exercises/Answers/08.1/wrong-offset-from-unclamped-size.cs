// Mistake: clamps the size it takes but computes the offset from the size the client asked for: ?page=2&size=1000
// skips 1,000 rows, past the end of the catalogue, instead of 50.
// Expect: so page 2 is rows 51–100
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
    {
        var page = query.Page ?? 1;
        var asked = query.Size ?? 10;
        var size = Math.Min(asked, 50);
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (size < 1) errors["size"] = ["size must be 1 or more."];
        if (errors.Count == 0 && (long)(page - 1) * asked > int.MaxValue) errors["page"] = ["page is too large."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var items = await db.Products.OrderBy(p => p.Id)
            .Skip((page - 1) * asked).Take(size).ToListAsync(token);
        return Results.Ok(new { page, size, items });
    });
}
