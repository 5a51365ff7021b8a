// Mistake: validation on, but the status left at ASP.NET Core's default 400.
// Expect: change it to 422
// Exercise 05.1: POST /signups, validated, errors as 422 validation problems.
record Signup(
    [Required, RegularExpression("^[A-Za-z0-9_]{3,20}$")] string Username,
    [Required, EmailAddress] string Email,
    [Range(13, 120)] int Age);

void AddSignupServices(WebApplicationBuilder builder)
{
    builder.Services.AddValidationByReflection();
    builder.Services.AddProblemDetails();
}

void MapSignups(WebApplication app)
{
    app.MapPost("/signups", (Signup signup) => TypedResults.Created($"/signups/{signup.Username}", signup));
}
