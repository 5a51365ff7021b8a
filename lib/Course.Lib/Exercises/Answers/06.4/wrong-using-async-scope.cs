// Mistake: opens the scope with CreateAsyncScope but declares it with plain using, which disposes it synchronously: the
//   async-only OrderStore cannot be disposed that way.
// Expect: plain using disposes even a CreateAsyncScope scope
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
async Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    using var scope = root.CreateAsyncScope();
    var store = scope.ServiceProvider.GetRequiredService<OrderStore>();
    return await store.CountOpenAsync();
}
