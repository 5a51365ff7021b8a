// Mistake: FastAPI's Field(gt=12, lt=121) copied as [Range(12, 121)]: Range includes both ends, so 12 and 121 get in.
// Expect: the rule is 13 to 120
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(
    [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
    [Required, EmailAddress] string Email,
    [Range(12, 121)] int Age);

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
