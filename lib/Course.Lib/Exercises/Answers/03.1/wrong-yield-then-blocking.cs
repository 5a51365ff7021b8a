// Mistake: awaits Task.Yield() first, so the method "is async", then calls the blocking driver.
// Expect: held the loop's only thread
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    await Task.Yield();
    return $"{db.GetUserName(id)} has {db.CountOrders(id)} orders";
}
