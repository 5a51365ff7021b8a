// Mistake: \w for "letters, digits and _": in .NET it matches every Unicode letter and digit, so "josé_1" passes.
// Expect: only ASCII letters
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(
    [Required, RegularExpression(@"^\w{3,20}$")] string Username,
    [Required, EmailAddress] string Email,
    [Range(13, 120)] int Age);

void AddSignupServices(WebApplicationBuilder builder)
{
    builder.Services.AddValidationByReflection();
    builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
    {
        if (context.ProblemDetails is HttpValidationProblemDetails)
        {
            context.ProblemDetails.Status = StatusCodes.Status422UnprocessableEntity;
            context.HttpContext.Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        }
    });
}

void MapSignups(WebApplication app)
{
    app.MapPost("/signups", (Signup signup) => TypedResults.Created($"/signups/{signup.Username}", signup));
}
