// Mistake: awaits-using one scope but resolves the OrderStore from a second scope it never disposes: the store stays open.
// Expect: that same scope
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    await using var scope = root.CreateAsyncScope();
    var store = root.CreateAsyncScope().ServiceProvider.GetRequiredService<OrderStore>();
    return await store.CountOpenAsync();
}
