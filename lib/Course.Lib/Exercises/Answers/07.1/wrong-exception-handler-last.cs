// Mistake: UseExceptionHandler() last: it still catches the endpoint's exception, but not one thrown by the
// authentication handler, which runs before it.
// Expect: UseExceptionHandler() must be outside
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
    app.UseExceptionHandler();
}
