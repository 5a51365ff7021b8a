// Mistake: answers the example's text without asking the database.
// Expect: made 0 database queries
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
Task<string> GetUserSummary(int id, SlowDatabase db) => Task.FromResult("Grace has 3 orders");
