// Mistake: \d for "digits": in .NET it matches every Unicode decimal digit (Arabic-Indic, Devanagari…), so "ada١٢٣" passes.
// Expect: \d matches every Unicode decimal digit
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(
    [Required, RegularExpression(@"^[A-Za-z\d_]{3,20}$")] string Username,
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
