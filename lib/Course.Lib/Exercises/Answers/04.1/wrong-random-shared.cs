// Mistake: session ids from Random.Shared.NextInt64() as hex: they differ and survive a restart, but System.Random is
// not a cryptographic generator: its output follows from a state an attacker can recover.
// Expect: System.Random
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
        var sessionId = Random.Shared.NextInt64().ToString("x16");
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
