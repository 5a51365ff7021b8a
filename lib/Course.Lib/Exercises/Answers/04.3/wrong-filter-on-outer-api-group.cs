// Mistake: the tenant filter on an outer /api group, with the orders group made on it: the filter then reaches every
// endpoint under /api, not only the orders.
// Expect: filter is on the outer group
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var api = app.MapGroup("/api")
        .AddEndpointFilter(async (context, next) =>
            string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context));
    var orders = api.MapGroup("/orders").WithTags("orders");
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/{id:int}", (int id) => new { id });
    return orders;
}
