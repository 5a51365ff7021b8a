// Mistake: the built-ins and the gateway prefix in a working order, but the brief's UserQuota left out: nobody is ever limited.
// Expect: UserQuota never ran
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
}
