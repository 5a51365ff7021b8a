// Mistake: a correct semaphore, but the batch waits for its items with Task.WaitAll inside Task.Run: a pool thread
// blocks for as long as the batch runs.
// Expect: waiting synchronously
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    var tasks = items.Select(async item =>
    {
        await slots.WaitAsync();
        try { await process(item); } finally { slots.Release(); }
    }).ToArray();
    await Task.Run(() => Task.WaitAll(tasks));
}
