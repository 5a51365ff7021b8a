// Mistake: calls UseRouting() itself, but before UseExceptionHandler(): what routing throws escapes the handler.
// Expect: outside your exception handler
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseExceptionHandler();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
