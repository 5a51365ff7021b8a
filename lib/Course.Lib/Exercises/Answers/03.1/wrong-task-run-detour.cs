// Mistake: awaits the async queries, but inside Task.Run: a detour through another pool thread that frees nothing.
// Expect: detour
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    return await Task.Run(async () => $"{await db.GetUserNameAsync(id)} has {await db.CountOrdersAsync(id)} orders");
}
