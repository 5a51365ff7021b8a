// Mistake: the gateway prefix and the built-ins in the right order, but routing left to WebApplication, which runs it at the very
// start: before GatewayPrefix (so /api/... matches nothing: 404) and outside the exception handler.
// Expect: WebApplication ran its own UseRouting() at the very start
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
