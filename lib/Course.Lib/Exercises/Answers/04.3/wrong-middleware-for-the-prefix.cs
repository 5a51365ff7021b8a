// Mistake: the tenant rule as middleware that checks the path prefix: it runs even when no endpoint matches.
// Expect: although no endpoint matched
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/api/orders") && string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
        {
            context.Response.StatusCode = 400;
            return;
        }
        await next(context);
    });
    var orders = app.MapGroup("/api/orders").WithTags("orders");
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/{id:int}", (int id) => new { id });
    return orders;
}
