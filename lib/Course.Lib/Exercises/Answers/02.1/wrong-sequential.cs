// Mistake: awaits each service before calling the next, so the waits add up.
// Expect: waits for one service before it calls the next
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var results = new List<string>();
    foreach (var service in services)
    {
        results.Add(await service());
    }
    return results.ToArray();
}
