// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();   // outermost: catches what every later layer throws
    app.UseCors();               // before anything that can short-circuit (401), so those answers carry CORS headers
    app.UseAuthentication();     // who is calling
    app.UseAuthorization();      // may they (needs the user from authentication)
}
