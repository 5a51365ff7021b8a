// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();   // outermost: catches what every later layer throws
    app.UseRouting();            // inside the handler: without this call WebApplication routes at the very start, outside it
    app.UseCors();               // after routing (endpoint policies), before anything that can short-circuit (401)
    app.UseAuthentication();     // who is calling
    app.UseAuthorization();      // may they (needs the user from authentication, and the endpoint from routing)
}
