// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // 128 random bits, 32 hex digits
        response.Cookies.Append("session_id", sessionId, new CookieOptions
        {
            HttpOnly = true,                // no document.cookie: an XSS bug cannot read it
            Secure = true,                  // HTTPS only
            SameSite = SameSiteMode.Lax,    // not on other sites' sub-requests and POSTs
            Path = "/",
            MaxAge = TimeSpan.FromHours(8), // the session ends
        });
        return Results.Ok();
    });
}
