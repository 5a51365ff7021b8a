// Mistake: awaits the first query, then wraps the blocking driver for the second in Task.Run.
// Expect: Task.Run
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = await db.GetUserNameAsync(id);
    var orders = await Task.Run(() => db.CountOrders(id));
    return $"{name} has {orders} orders";
}
