// Mistake: Task.WhenAll, but waited for with GetAwaiter().GetResult() inside Task.Run: a pool thread blocks for the whole call.
// Expect: waiting synchronously
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(service => service()).ToArray();
    return await Task.Run(() => Task.WhenAll(calls).GetAwaiter().GetResult());
}
