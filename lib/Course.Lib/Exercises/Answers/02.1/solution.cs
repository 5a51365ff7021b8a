// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(service => service()).ToArray(); // every call starts now
    return await Task.WhenAll(calls);                            // then wait for all of them
}
