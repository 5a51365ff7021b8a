// Mistake: [A-z] for "letters": one ASCII range from A to z, which also holds [ \ ] ^ _ ` between Z and a, so "ada^1" passes.
// Expect: A-z is one range
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(
    [Required, RegularExpression("^[A-z0-9_]{3,20}$")] string Username,
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
