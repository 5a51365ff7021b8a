// Mistake: maps nothing at all.
// Expect: should answer 201
// Exercise 04.3: GET /users/me and GET /users/{id} side by side (/users/abc → 404), POST /users → 201 with a
// Location the router builds from a named route, and 405 + Allow for a method a path does not have.
void MapUsers(WebApplication app)
{
}
