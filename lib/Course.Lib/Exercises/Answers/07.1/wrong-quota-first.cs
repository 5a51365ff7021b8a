// Mistake: UserQuota first, as "rate limiting goes early": it runs before UseAuthentication(), while context.User is still
// anonymous, so it counts nobody and never answers 429.
// Expect: it ran before UseAuthentication()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseMiddleware<UserQuota>();
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
}
