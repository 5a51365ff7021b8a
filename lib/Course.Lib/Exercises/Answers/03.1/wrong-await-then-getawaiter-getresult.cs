// Mistake: awaits the first query, then blocks on the second with GetAwaiter().GetResult() ("it unwraps exceptions").
// Expect: blocked the loop's thread on the second query
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = await db.GetUserNameAsync(id);
    var orders = db.CountOrdersAsync(id).GetAwaiter().GetResult();
    return $"{name} has {orders} orders";
}
