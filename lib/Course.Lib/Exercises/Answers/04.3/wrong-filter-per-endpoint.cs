// Mistake: adds the filter to each endpoint instead of to the group: an endpoint mapped on the group later
// (the check's) has no tenant rule.
// Expect: the filter is not on the group
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    var orders = app.MapGroup("/api/orders").WithTags("orders");
    orders.MapGet("/", () => new[] { new { id = 1 }, new { id = 2 } }).AddEndpointFilter(RequireTenant);
    orders.MapGet("/{id:int}", (int id) => new { id }).AddEndpointFilter(RequireTenant);
    return orders;

    static async ValueTask<object?> RequireTenant(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        string.IsNullOrEmpty(context.HttpContext.Request.Headers["X-Tenant-Id"]) ? Results.BadRequest() : await next(context);
}
