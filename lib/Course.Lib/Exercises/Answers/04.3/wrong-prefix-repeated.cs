// Mistake: repeats the group's prefix in each endpoint's path: they become /api/orders/api/orders and
// /api/orders/api/orders/{id:int}, and GET /api/orders matches nothing.
// Expect: paths relative to its prefix
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var orders = app.MapGroup("/api/orders")
        .WithTags("orders")
        .AddEndpointFilter(async (context, next) =>
            string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context));
    orders.MapGet("/api/orders", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/api/orders/{id:int}", (int id) => new { id });
    return orders;
}
