// Mistake: validation and 422 set up, but no rules on the record: nothing is ever invalid.
// Expect: the input was not validated
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(string Username, string Email, int Age);

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
