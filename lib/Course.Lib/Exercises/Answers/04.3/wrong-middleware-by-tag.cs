// Mistake: no filter: middleware that refuses requests to endpoints tagged "orders". It behaves alike from
// outside, but it is middleware, not the group's endpoint filter the exercise asks for.
// Expect: by middleware (app.Use)
// Exercise 04.3: the orders endpoints in one route group: prefix /api/orders, tag "orders",
// and a filter shared by the group's endpoints only: no X-Tenant-Id header → 400.
// Return the group: the check maps an endpoint of its own on it.
RouteGroupBuilder MapOrders(WebApplication app)
{
    app.Use(async (context, next) =>
    {
        var tagged = context.GetEndpoint()?.Metadata.GetMetadata<ITagsMetadata>()?.Tags.Contains("orders") == true;
        if (tagged && string.IsNullOrEmpty(context.Request.Headers["X-Tenant-Id"]))
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
