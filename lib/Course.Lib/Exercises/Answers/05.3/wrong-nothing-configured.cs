// Mistake: configures nothing: an exception reaches the server, and empty errors have no body.
// Expect: was not turned into a response
// Exercise 05.3: one error format for every failure, no stack traces.
void AddErrorHandling(WebApplicationBuilder builder)
{
}

void UseErrorHandling(WebApplication app)
{
}
