// Mistake: only the built-in handler, no IExceptionHandler of your own: every exception is a 500, domain ones included.
// Expect: should answer 404 Not Found, but answered 500
// Exercise 05.3: one error format for every failure, no stack traces.
void AddErrorHandling(WebApplicationBuilder builder)
{
    builder.Services.AddProblemDetails();
}

void UseErrorHandling(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseStatusCodePages();
}
