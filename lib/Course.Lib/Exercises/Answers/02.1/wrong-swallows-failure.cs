// Mistake: catches a failed service's exception and returns what it has, so the caller never learns of the failure.
// Expect: returned normally
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var calls = services.Select(s => s()).ToArray();
    try
    {
        return await Task.WhenAll(calls);
    }
    catch (InvalidOperationException)
    {
        return calls.Select(t => t.IsCompletedSuccessfully ? t.Result : "").ToArray();
    }
}
