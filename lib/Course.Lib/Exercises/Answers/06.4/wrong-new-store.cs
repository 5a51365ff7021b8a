// Mistake: no scope at all: builds the OrderStore with new and disposes it by hand (the review's fooling answer).
// Expect: built by you
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    await using var store = new OrderStore(root.GetRequiredService<OrderBook>());
    return await store.CountOpenAsync();
}
