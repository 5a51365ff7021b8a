// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var orders = app.MapGroup("/api/orders")
        .WithTags("orders")
        .AddEndpointFilter(async (context, next) =>
        {
            if (string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]))
            {
                return Results.BadRequest();
            }
            return await next(context);
        });
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/{id:int}", (int id) => new { id });
    return orders;
}
