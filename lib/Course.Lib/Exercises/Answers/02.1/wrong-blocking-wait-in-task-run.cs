// Mistake: calls every service itself, then moves the blocking wait into Task.Run: a pool thread sits in
// GetAwaiter().GetResult() for the whole call.
// Expect: waiting synchronously
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(service => service()).ToArray();
    await Task.Run(() => { foreach (var call in calls) call.GetAwaiter().GetResult(); });
    return calls.Select(call => call.Result).ToArray();
}
