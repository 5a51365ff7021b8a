// Mistake: maps nothing at all.
// Expect: should answer 200 OK and start a session
// Exercise 04.1: POST /session reads the X-Client-Id header and sets a secure session cookie;
// GET /me reads the cookie back and answers with the client id (401 without a valid session).
void MapSessions(WebApplication app)
{
}
