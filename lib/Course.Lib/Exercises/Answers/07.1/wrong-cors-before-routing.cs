// Mistake: calls UseRouting() itself but puts UseCors() before it, so CORS runs before an endpoint is chosen and
// only ever applies the default policy (the docs' rule: UseCors after UseRouting).
// Expect: placed before an explicit UseRouting()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseCors();
    app.UseRouting();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
