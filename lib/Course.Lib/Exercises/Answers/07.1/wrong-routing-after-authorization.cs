// Mistake: calls UseRouting() itself, but last: authorization runs before routing has chosen the endpoint, so it sees
// no requirement, and ASP.NET Core refuses to run an endpoint whose authorization was never checked (a 500).
// Expect: UseRouting() before
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
    app.UseRouting();
}
