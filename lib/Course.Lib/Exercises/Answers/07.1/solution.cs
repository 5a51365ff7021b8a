// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();              // outermost: catches what every later layer throws (routing and authentication too)
    app.UseMiddleware<GatewayPrefix>();     // before routing: routing matches what is left of the path
    app.UseRouting();                       // called here, after the gateway prefix and inside the handler (else WebApplication routes first)
    app.UseCors();                          // after routing (endpoint policies), before anything that can answer 401, 429 or 500
    app.UseAuthentication();                // who is calling
    app.UseMiddleware<UserQuota>();         // needs the user from authentication; its 429 still gets CORS headers
    app.UseAuthorization();                 // may they (needs the user, and the endpoint from routing)
}
