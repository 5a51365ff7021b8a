// Mistake: calls the services with Parallel.For inside Task.Run and blocks each pool thread on its call.
// Expect: thread of its own
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var results = new string[services.Length];
    await Task.Run(() => Parallel.For(0, services.Length, i => results[i] = services[i]().GetAwaiter().GetResult()));
    return results;
}
