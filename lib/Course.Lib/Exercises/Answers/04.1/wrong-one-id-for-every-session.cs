// Mistake: the id is made once, when MapSessions maps the endpoint, so every session gets the same (random) id.
// Expect: got the same id
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
    app.MapPost("/session", (HttpResponse response) =>
    {
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
