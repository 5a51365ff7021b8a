// Mistake: starts every call and lets each write its answer when it comes (fire-and-forget), but returns at once:
// the caller gets an array the services have not filled yet, and never hears of a failure.
// Expect: had finished before any service could answer
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var results = new string[services.Length];
    for (var i = 0; i < services.Length; i++)
    {
        var index = i;
        _ = services[i]().ContinueWith(call => results[index] = call.Result);
    }
    return results;
}
