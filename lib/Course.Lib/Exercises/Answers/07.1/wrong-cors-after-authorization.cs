// Mistake: UseCors() after UseAuthorization(): the 401 (and the partner's preflight) are answered before CORS
// can add its headers, so the browser shows a CORS error instead of "please log in".
// Expect: CORS error
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
    app.UseCors();
}
