// Mistake: the id comes from a delegate kept in a field of the cell, made with Random.Shared: MapSessions never calls
// the generator itself, so the check looks at the whole cell and finds System.Random and no cryptographic generator.
// Expect: System.Random
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
Func<string> newSessionId = () =>
{
    var bytes = new byte[16];
    Random.Shared.NextBytes(bytes);
    return Convert.ToHexString(bytes);
};

void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        response.Cookies.Append("session_id", newSessionId(), new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
