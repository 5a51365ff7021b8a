// Mistake: "makes it async" with Task.Run around the blocking calls: another pool thread blocks instead.
// Expect: Task.Run
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    return await Task.Run(() => $"{db.GetUserName(id)} has {db.CountOrders(id)} orders");
}
