// Mistake: the id comes from a helper class that uses System.Random: the check follows MapSessions's calls into it.
// Expect: System.Random
// Exercise 04.1: POST /session starts a session: a cookie "session_id" with HttpOnly, Secure, SameSite (Lax or Strict),
// Path=/ and a lifetime of at most a day, and an id of at least 128 bits from a cryptographic generator.
class SessionIds
{
    private static readonly Random Generator = new();

    public static string Next()
    {
        var bytes = new byte[16];
        Generator.NextBytes(bytes);
        return Convert.ToHexString(bytes);
    }
}

void MapSessions(WebApplication app)
{
    app.MapPost("/session", (HttpResponse response) =>
    {
        response.Cookies.Append("session_id", SessionIds.Next(), new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Lax, Path = "/", MaxAge = TimeSpan.FromHours(8) });
        return Results.Ok();
    });
}
