// Mistake: session ids are SHA256 of a counter: they look random, but anyone can compute them (and a
// restarted app hands out the same ones again).
// Expect: hash
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
    var sessions = new ConcurrentDictionary<string, string>();
    var counter = 0;
    app.MapPost("/session", ([FromHeader(Name = "X-Client-Id")] string? clientId, HttpResponse response) =>
    {
        if (string.IsNullOrWhiteSpace(clientId))
        {
            return Results.BadRequest();
        }
        var number = Interlocked.Increment(ref counter);
        var sessionId = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(number.ToString())));
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
