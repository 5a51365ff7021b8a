// Mistake: picks the status by words in the message ("does not exist", "already") instead of the exception's type: a NotFoundException worded otherwise becomes a 500.
// Expect: by the exception's type
// Exercise 05.3: one error format for every failure, no stack traces.
class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        // Only the app's own exception types, whose messages are written for clients; everything else is a 500 that says nothing.
        var (status, title, detail) = exception switch
        {
            _ when exception.Message.Contains("does not exist") => (404, "Not Found", exception.Message),
            _ when exception.Message.Contains("already") => (409, "Conflict", exception.Message),
            _ => (500, "An unexpected error occurred.", null),
        };
        context.Response.StatusCode = status;
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

// Also correct (.NET 9+), without a handler class: UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = … })
// picks 404/409/500 by exception type, and AddProblemDetails(o => o.CustomizeProblemDetails = …) copies the message into
// Detail for your two exception types only.
