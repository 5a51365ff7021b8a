// Mistake: orders the pages by descending Id (newest first), where the exercise asks for ascending Id.
// Expect: descending Id order
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
        if (errors.Count == 0 && (long)(page - 1) * size > int.MaxValue) errors["page"] = ["page is too large."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var items = await db.Products.OrderByDescending(p => p.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(token);
        return Results.Ok(new { page, size, items });
    });
}
