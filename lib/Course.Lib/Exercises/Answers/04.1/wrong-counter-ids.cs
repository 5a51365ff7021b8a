// Mistake: ids from a counter ("session-00000001", …): the next one is easy to guess.
// Expect: can be guessed
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    var counter = 0;
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = $"session-{Interlocked.Increment(ref counter):D8}";
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
