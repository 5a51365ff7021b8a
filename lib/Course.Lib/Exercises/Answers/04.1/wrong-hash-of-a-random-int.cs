// Mistake: SHA256 of RandomNumberGenerator.GetInt32(int.MaxValue): a cryptographic generator, but 31 random bits in,
// so 31 bits out, however long the hash.
// Expect: a hash of a small random number
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(SHA256.HashData(BitConverter.GetBytes(RandomNumberGenerator.GetInt32(int.MaxValue))));
        response.Cookies.Append("session_id", sessionId, new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
