// Mistake: the group's prefix is /api, with "/orders" in each endpoint's path: the tag and the tenant filter
// then reach every endpoint under /api, not only the orders.
// Expect: does not have the prefix /api/orders
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var api = app.MapGroup("/api")
        .WithTags("orders")
        .AddEndpointFilter(async (context, next) =>
            string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context));
    api.MapGet("/orders", () => new[] { new { id = 1 }, new { id = 2 } });
    api.MapGet("/orders/{id:int}", (int id) => new { id });
    return api;
}
