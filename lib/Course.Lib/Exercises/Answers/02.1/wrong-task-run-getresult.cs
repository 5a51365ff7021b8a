// Mistake: gives every call a thread-pool thread of its own and blocks it with GetAwaiter().GetResult():
// concurrent, but one blocked thread per service call.
// Expect: thread of its own
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    return await Task.WhenAll(services.Select(s => Task.Run(() => s().GetAwaiter().GetResult())));
}
