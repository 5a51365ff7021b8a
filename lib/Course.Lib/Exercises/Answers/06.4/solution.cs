// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    await using var scope = root.CreateAsyncScope();
    var store = scope.ServiceProvider.GetRequiredService<OrderStore>();
    return await store.CountOpenAsync();
}
