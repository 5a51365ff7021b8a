// Mistake: Guid.NewGuid().ToString("N"): 32 hex digits from a secure generator, but only 122 random bits (6 are the version).
// Expect: 122 of its 128 bits
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Guid.NewGuid().ToString("N");
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
