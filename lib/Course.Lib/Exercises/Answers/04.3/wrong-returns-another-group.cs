// Mistake: puts the endpoints on one group and returns a new, empty group for the same prefix: what the
// check maps on it gets neither the tag nor the filter.
// Expect: the filter is not on the group
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var orders = app.MapGroup("/api/orders")
        .WithTags("orders")
        .AddEndpointFilter(async (context, next) =>
            string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context));
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } });
    orders.MapGet("/{id:int}", (int id) => new { id });
    return app.MapGroup("/api/orders");
}
