// Mistake: chains the second query with ContinueWith and blocks on it with .Result inside: the continuation
// runs on a pool thread, which then waits.
// Expect: ContinueWith
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
Task<string> GetUserSummary(int id, SlowDatabase db) =>
    db.GetUserNameAsync(id).ContinueWith(name => $"{name.Result} has {db.CountOrdersAsync(id).Result} orders");
