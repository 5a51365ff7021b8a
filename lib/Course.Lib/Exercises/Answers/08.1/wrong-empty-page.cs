// Mistake: a trivial answer: the right shape, no rows.
// Expect: should return the rows with ids
// Exercise 08.1: GET /products?page=&size= → { page, size, items }, ordered by Id.
void MapPageSize(WebApplication app)
{
    app.MapGet("/products", () => Results.Ok(new { page = 1, size = 10, items = Array.Empty<Product>() }));
}
