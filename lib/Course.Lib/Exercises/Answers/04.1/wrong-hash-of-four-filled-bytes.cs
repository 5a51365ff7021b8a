// Mistake: RandomNumberGenerator.Fill on a 4-byte buffer, then SHA256: 32 random bits in, 32 out, however long the hash.
// Expect: 4 random bytes (new byte[4])
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var bytes = new byte[4];
        RandomNumberGenerator.Fill(bytes);
        var sessionId = Convert.ToHexString(SHA256.HashData(bytes));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
