// Mistake: keeps the starter's non-async signature and returns the count's task without awaiting it, disposing the
//   scope first: the store is closed under the running query.
// Expect: disposed while CountOpenAsync was still running
// Exercise 06.4: count the open orders outside a request, in a scope of your own.
// Your answer awaits, so the method must become async: async Task<int> CountOpenOrdersAsync(IServiceProvider root).
Task<int> CountOpenOrdersAsync(IServiceProvider root)
{
    var scope = root.CreateAsyncScope();
    var count = scope.ServiceProvider.GetRequiredService<OrderStore>().CountOpenAsync();
    _ = scope.DisposeAsync();
    return count;
}
