// Mistake: a sliding window with Task.WhenAny that waits for a free slot before each item, but not for the
// items still in flight after the last one started: it returns before they finish.
// Expect: returned while
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
}
