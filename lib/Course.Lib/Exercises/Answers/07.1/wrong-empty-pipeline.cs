// Mistake: adds nothing: no CORS at all, WebApplication's own authentication and authorization, and no exception handler.
// Expect: is UseCors() in the pipeline
// Exercise 07.1: order the pipeline.
void OrderPipeline(WebApplication app)
{
}
