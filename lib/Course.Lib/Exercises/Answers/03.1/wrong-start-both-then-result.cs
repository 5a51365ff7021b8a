// Mistake: starts both queries at once (good), then reads them with .Result instead of awaiting: the thread blocks.
// Expect: held the loop's only thread
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = db.GetUserNameAsync(id);
    var orders = db.CountOrdersAsync(id);
    return Task.FromResult($"{name.Result} has {orders.Result} orders");
}
