// Mistake: resolves the scoped OrderStore from the root provider, which scope validation refuses.
// Expect: create a scope and resolve from it
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    var store = root.GetRequiredService<OrderStore>();
    return await store.CountOpenAsync();
}
