// Mistake: over-broad CORS: a policy of its own that allows any origin, method and header instead of the registered
// default policy, so every site's script may read the API's answers.
// Expect: allows every origin
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors(policy => policy.AllowAnyOrigin().AllowAnyMethod().AllowAnyHeader());
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
