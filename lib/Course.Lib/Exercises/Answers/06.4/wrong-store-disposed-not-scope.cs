// Mistake: disposes the store it resolved, not the scope: the scope (and anything else it built) stays open.
// Expect: scope(s) you opened were never disposed
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    var scope = root.CreateAsyncScope();
    await using var store = scope.ServiceProvider.GetRequiredService<OrderStore>();
    return await store.CountOpenAsync();
}
