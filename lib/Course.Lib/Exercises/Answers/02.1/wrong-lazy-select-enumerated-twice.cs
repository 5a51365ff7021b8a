// Mistake: keeps the calls in a lazy LINQ query and enumerates it twice, so every service is called again
// (and .Result then blocks on the second calls).
// Expect: lazy
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(s => s());
    await Task.WhenAll(calls);
    return calls.Select(t => t.Result).ToArray();
}
