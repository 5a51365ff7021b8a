// Mistake: reads the header by its Python-style parameter name: [FromHeader] string? x_client_id binds a
// header literally called x_client_id, never X-Client-Id.
// Expect: Name = "X-Client-Id"
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
    var sessions = new ConcurrentDictionary<string, string>();
    app.MapPost("/session", ([FromHeader] string? x_client_id, HttpResponse response) =>
    {
        if (string.IsNullOrWhiteSpace(x_client_id))
        {
            return Results.BadRequest();
        }
        var sessionId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        sessions[sessionId] = x_client_id;
        response.Cookies.Append("session_id", sessionId,
            new CookieOptions { HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/" });
        return Results.Ok(new { clientId = x_client_id });
    });
    app.MapGet("/me", (HttpRequest request) =>
        request.Cookies["session_id"] is { } sessionId && sessions.TryGetValue(sessionId, out var clientId)
            ? Results.Ok(new { clientId })
            : Results.Unauthorized());
}
