// Mistake: 16 bytes from new Random(42): a fixed seed gives the same ids after every restart.
// Expect: after a restart
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    var random = new Random(42);
    app.MapPost("/session", (HttpResponse response) =>
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        var sessionId = Convert.ToHexString(bytes);
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
