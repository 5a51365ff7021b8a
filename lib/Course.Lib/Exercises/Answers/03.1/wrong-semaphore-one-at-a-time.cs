// Mistake: lets one request at a time at the database (a SemaphoreSlim(1) around the queries, "to protect it"):
// nothing blocks, but the requests run one after another.
// Expect: SemaphoreSlim
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
SemaphoreSlim gate = new(1);
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    await gate.WaitAsync();
    try
    {
        var name = await db.GetUserNameAsync(id);
        var orders = await db.CountOrdersAsync(id);
        return $"{name} has {orders} orders";
    }
    finally { gate.Release(); }
}
