// Mistake: a sliding window with Task.WhenAny drops each finished task from the list without awaiting it, so a
// failed item's exception is never observed and the batch reports success.
// Expect: the failure was lost
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var running = new List<Task>();
    foreach (var item in items)
    {
        if (running.Count == maxInFlight)
        {
            running.Remove(await Task.WhenAny(running));
        }
        running.Add(process(item));
    }
    await Task.WhenAll(running);
}
