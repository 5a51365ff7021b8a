// Mistake: awaits the first query but blocks on the second with .Result.
// Expect: blocked the loop's thread on the second query
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = await db.GetUserNameAsync(id);
    return $"{name} has {db.CountOrdersAsync(id).Result} orders";
}
