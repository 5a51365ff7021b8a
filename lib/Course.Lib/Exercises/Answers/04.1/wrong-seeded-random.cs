// Mistake: session ids from new Random(42): a fixed seed gives the same ids after every restart.
// Expect: after a restart
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
    var sessions = new ConcurrentDictionary<string, string>();
    var random = new Random(42);
    app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return Results.BadRequest();
        }
        var bytes = new byte[16];
        lock (random)
        {
            random.NextBytes(bytes);
        }
        var sessionId = Convert.ToHexString(bytes);
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
