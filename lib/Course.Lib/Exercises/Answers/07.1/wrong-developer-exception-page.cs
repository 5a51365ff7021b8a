// Mistake: the developer exception page instead of UseExceptionHandler(): in production it hands the exception's
// message (here a connection string) to any client.
// Expect: gives the exception's message away
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseDeveloperExceptionPage();
    app.UseMiddleware<GatewayPrefix>();
    app.UseRouting();
    app.UseCors();
    app.UseAuthentication();
    app.UseMiddleware<UserQuota>();
    app.UseAuthorization();
}
