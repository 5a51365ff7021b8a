// Mistake: resolves the store inside a scope block, then counts after the block: the scope has disposed the store.
// Expect: used after its scope had been disposed
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    OrderStore store;
    await using (var scope = root.CreateAsyncScope())
    {
        store = scope.ServiceProvider.GetRequiredService<OrderStore>();
    }
    return await store.CountOpenAsync();
}
