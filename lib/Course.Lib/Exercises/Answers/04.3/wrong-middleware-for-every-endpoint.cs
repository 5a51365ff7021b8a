// Mistake: the tenant rule on every endpoint of the app (middleware that runs whenever routing found an
// endpoint), not only on the group's.
// Expect: outside the group
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is not null && string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
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
