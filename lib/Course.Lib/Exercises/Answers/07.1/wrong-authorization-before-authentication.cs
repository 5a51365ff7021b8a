// Mistake: UseAuthorization() before UseAuthentication(): authorization sees an anonymous user even with a valid key.
// Expect: authorization ran before authentication
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors();
    app.UseAuthorization();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
}
