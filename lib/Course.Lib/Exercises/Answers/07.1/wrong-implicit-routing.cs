// Mistake: the four built-ins in the right order, but routing left to WebApplication, which runs it at the very start,
// outside the exception handler: when routing throws (two endpoints for one route), nothing catches it.
// Expect: call app.UseRouting() right after app.UseExceptionHandler()
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseCors();
    app.UseAuthentication();
    app.UseAuthorization();
}
