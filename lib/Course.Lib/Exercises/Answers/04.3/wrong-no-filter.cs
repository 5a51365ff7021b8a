// Mistake: the group and its tag, but no tenant rule at all.
// Expect: the request has no X-Tenant-Id header
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var orders = app.MapGroup("/api/orders").WithTags("orders");
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/{id:int}", (int id) => new { id });
    return orders;
}
