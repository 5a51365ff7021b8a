// Mistake: GatewayPrefix after UseRouting(): routing has already compared the whole path, /api included, with the endpoints
// (mapped without it), so every request is a 404 before the prefix is moved.
// Expect: GatewayPrefix must come before your UseRouting()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseRouting();
    app.UseMiddleware<GatewayPrefix>();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
