// Mistake: authenticates before CORS: when the authentication handler fails (throws), the 500 leaves without
// Access-Control-Allow-Origin, so the front end's page sees a CORS error instead of the server error.
// Expect: UseCors() before UseAuthentication()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseAuthentication();
    app.UseCors();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
