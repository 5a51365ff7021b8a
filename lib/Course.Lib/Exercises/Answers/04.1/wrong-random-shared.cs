// Mistake: 16 bytes from Random.Shared: they look random and differ after a restart, but System.Random is not a
// cryptographic generator: its output follows from a state an attacker can recover.
// Expect: System.Random
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var bytes = new byte[16];
        Random.Shared.NextBytes(bytes);
        var sessionId = Convert.ToHexString(bytes);
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
