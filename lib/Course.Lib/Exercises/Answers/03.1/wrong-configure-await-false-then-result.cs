// Mistake: ConfigureAwait(false) on the first await, then .Result on the second query: the code after the
// await runs on the thread that completed the query, and .Result blocks that thread.
// Expect: ConfigureAwait(false) does not help
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var name = await db.GetUserNameAsync(id).ConfigureAwait(false);
    return $"{name} has {db.CountOrdersAsync(id).Result} orders";
}
