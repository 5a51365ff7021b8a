// Mistake: maps nothing: every request is 404.
// Expect: should answer 201 Created, but answered 404
// Exercise 05.1: an items CRUD with exactly the right status codes.
record ItemIn(string Name, decimal Price);
record Item(int Id, string Name, decimal Price);

void MapItems(WebApplication app)
{
}
