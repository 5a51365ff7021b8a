// Mistake: no scope at all: ActivatorUtilities builds the OrderStore from the root (the review's second fooling answer).
// Expect: built by you
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    await using var store = ActivatorUtilities.CreateInstance<OrderStore>(root);
    return await store.CountOpenAsync();
}
