// Mistake: session ids are the MD5 hash of the client id and the time: both are known or guessable by an attacker.
// Expect: hash of the time
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
    var sessions = new ConcurrentDictionary<string, string>();
    app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return Results.BadRequest();
        }
        var sessionId = Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(clientId + DateTime.UtcNow.ToString("O"))));
        sessions[sessionId] = clientId;
        response.Cookies.Append("session_id", sessionId,
            new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return Results.Ok(new { clientId });
    });
    app.MapGet("/me", (HttpRequest request) =>
        request.Cookies["session_id"] is { } sessionId && sessions.TryGetValue(sessionId, out var clientId)
            ? Results.Ok(new { clientId })
            : Results.Unauthorized());
}
