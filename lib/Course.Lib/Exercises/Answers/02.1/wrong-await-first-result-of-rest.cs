// Mistake: awaits the first service only and reads .Result of the others: when a later service is slower, it blocks
// the loop until that one answers.
// Expect: held the loop's only thread
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(service => service()).ToArray();
    if (calls.Length == 0) return [];
    await calls[0];
    return calls.Select(c => c.Result).ToArray();
}
