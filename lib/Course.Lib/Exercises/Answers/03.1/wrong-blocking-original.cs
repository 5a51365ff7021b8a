// Mistake: keeps the blocking version (the blocking driver and .Result), wrapped in Task.FromResult: it holds the thread.
// Expect: held the loop's only thread
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
Task<string> GetUserSummary(int id, SlowDatabase db) =>
    Task.FromResult($"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders");
