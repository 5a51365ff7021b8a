// Mistake: a cryptographic generator, but only 8 bytes: 64 bits, half of what the exercise asks for.
// Expect: about 64 bits
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
