// Mistake: starts every call, then reads .Result, which blocks the caller's thread until every service answers.
// Expect: blocked the caller's thread
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(s => s()).ToArray();
    return calls.Select(t => t.Result).ToArray();
}
