// Mistake: the notes' bare Cookies.Append(name, value): no HttpOnly, no Secure, no SameSite, no lifetime.
// Expect: HttpOnly = true
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // 128 random bits
        response.Cookies.Append("session_id", sessionId);
        return Results.Ok();
    });
}
