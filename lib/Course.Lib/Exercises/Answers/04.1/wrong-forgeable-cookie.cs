// Mistake: a stateless cookie "<random>.<clientId>" with no server-side session: /me trusts whatever follows
// the dot, so anyone can send session_id=x.victim.
// Expect: forge
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
    app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return Results.BadRequest();
        }
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) + "." + clientId;
        response.Cookies.Append("session_id", sessionId,
            new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return Results.Ok(new { clientId });
    });
    app.MapGet("/me", (HttpRequest request) =>
        request.Cookies["session_id"] is { } sessionId && sessionId.Split('.') is [_, var clientId]
            ? Results.Ok(new { clientId })
            : Results.Unauthorized());
}
