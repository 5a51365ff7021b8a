// Mistake: awaits a delay with ConfigureAwait(false) "to get off the context", then calls the blocking driver:
// the blocking moves to the pool thread the timer completed on.
// Expect: ConfigureAwait(false)
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    await Task.Delay(1).ConfigureAwait(false);
    return $"{db.GetUserName(id)} has {db.CountOrders(id)} orders";
}
