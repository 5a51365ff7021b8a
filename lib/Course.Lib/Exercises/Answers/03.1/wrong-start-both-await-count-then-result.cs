// Mistake: starts both queries at once and awaits the order count, then reads the name with .Result: when the name is the slower query, .Result blocks the loop.
// Expect: on a query that had not finished (here the name
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = db.GetUserNameAsync(id);
    var orders = await db.CountOrdersAsync(id);
    return $"{name.Result} has {orders} orders";
}
