// Mistake: authentication and UserQuota before UseCors(): the quota's 429 (and the authentication handler's 500) leave
// without Access-Control-Allow-Origin, so the front end's page sees a CORS error.
// Expect: UserQuota answered before UseCors() could add its headers
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseCors();
    app.UseAuthorization();
}
