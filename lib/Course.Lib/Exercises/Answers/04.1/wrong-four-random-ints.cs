// Mistake: four RandomNumberGenerator.GetInt32(int.MaxValue) in hex: 31 random bits each (the first digit never passes 7), 124 in all.
// Expect: about 124 bits
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = string.Concat(Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetInt32(int.MaxValue).ToString("x8")));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
