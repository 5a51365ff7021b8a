// Mistake: the body is clean, but the exception's message goes out in a response header.
// Expect: in its header X-Error
// Exercise 05.3: one error format for every failure, no stack traces.
class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Only the app's own exception types, whose messages are written for clients; everything else is a 500 that says nothing.
        var (status, title, detail) = exception switch
        {
            NotFoundException => (404, "Not Found", exception.Message),
            ConflictException => (409, "Conflict", exception.Message),
            _ => (500, "An unexpected error occurred.", null),
        };
        context.Response.StatusCode = status;
        context.Response.Headers["X-Error"] = exception.Message.Replace('\n', ' ');
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}

void AddErrorHandling(WebApplicationBuilder builder)
{
    builder.Services.AddProblemDetails();
    builder.Services.AddExceptionHandler<ApiExceptionHandler>();
}

void UseErrorHandling(WebApplication app)
{
    app.UseExceptionHandler();
    app.UseStatusCodePages();
}
