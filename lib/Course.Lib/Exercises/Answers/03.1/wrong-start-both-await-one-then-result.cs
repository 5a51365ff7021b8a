// Mistake: starts both queries at once and awaits the name, then reads the order count with .Result: when the count is the slower query, .Result blocks the loop.
// Expect: on a query that had not finished (here the order count
// Exercise 03.1: the handler behind GET /users/{id} — answer "<name> has <n> orders" without blocking a thread.
// The blocking version: (int id, SlowDatabase db) => $"{db.GetUserName(id)} has {db.CountOrdersAsync(id).Result} orders"
async Task<string> GetUserSummary(int id, SlowDatabase db)
{
    var n = db.GetUserNameAsync(id);
    var c = db.CountOrdersAsync(id);
    return $"{await n} has {c.Result} orders";
}
