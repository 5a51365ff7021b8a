// Mistake: every flag, but no Max-Age or Expires: the session never ends while the browser restores it.
// Expect: has no lifetime
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // 128 random bits
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/" });
        return Results.Ok();
    });
}
