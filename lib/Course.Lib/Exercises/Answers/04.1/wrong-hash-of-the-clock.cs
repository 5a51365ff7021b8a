// Mistake: SHA256 of DateTime.UtcNow.Ticks: it looks random, but an attacker who knows roughly when someone
// logged in hashes every tick around it.
// Expect: hash of the time
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(DateTime.UtcNow.Ticks)));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
