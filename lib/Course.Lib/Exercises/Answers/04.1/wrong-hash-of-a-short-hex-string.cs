// Mistake: RandomNumberGenerator.GetHexString(8), then SHA256: 8 hex digits are 32 random bits, and the hash adds none.
// Expect: 4 random bytes (RandomNumberGenerator.GetHexString(8))
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var digits = RandomNumberGenerator.GetHexString(8);
        var sessionId = Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(digits)));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
