// Mistake: collects the answers in the order they finish (Task.WhenAny), not in the order of the services.
// Expect: in the order of the services
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    var pending = services.Select(s => s()).ToList();
    var results = new List<string>();
    while (pending.Count > 0)
    {
        var done = await Task.WhenAny(pending);
        pending.Remove(done);
        results.Add(await done);
    }
    return results.ToArray();
}
