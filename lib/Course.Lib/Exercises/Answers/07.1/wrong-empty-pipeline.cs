// Mistake: trivial: adds nothing — no gateway prefix, no CORS, no quota, WebApplication's own routing, authentication and
// authorization, and no exception handler.
// Expect: Call app.UseMiddleware<GatewayPrefix>(), then app.UseRouting()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
}
