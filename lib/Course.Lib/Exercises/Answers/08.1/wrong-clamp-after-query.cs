// Mistake: clamps too late: the query skips by the clamped size but takes the requested one (LIMIT 1000), and the
// list is cut to 50 in memory — the database still reads up to 1000 rows a request, which the clamp exists to stop.
// Expect: LIMIT
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", async ([AsParameters] PageQuery query, CatalogDb db, CancellationToken token) =>
    {
        var page = query.Page ?? 1;
        var requested = query.Size ?? 10;
        var errors = new Dictionary<string, string[]>();
        if (page < 1) errors["page"] = ["page must be 1 or more."];
        if (requested < 1) errors["size"] = ["size must be 1 or more."];
        var size = Math.Min(requested, 50);
        if (errors.Count == 0 && (long)(page - 1) * size > int.MaxValue) errors["page"] = ["page is too large."];
        if (errors.Count > 0)
        {
            return Results.ValidationProblem(errors);
        }
        var rows = await db.Products.OrderBy(p => p.Id)
            .Skip((page - 1) * size).Take(requested).ToListAsync(token);
        var items = rows.Take(size).ToList();
        return Results.Ok(new { page, size, items });
    });
}
