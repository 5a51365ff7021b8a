// Mistake: an off-by-one loop bound skips the last item.
// Expect: never processed
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    using var slots = new SemaphoreSlim(maxInFlight);
    var tasks = new List<Task>();
    for (var i = 0; i < items.Count - 1; i++)
    {
        var item = items[i];
        await slots.WaitAsync();
        tasks.Add(Task.Run(async () => { try { await process(item); } finally { slots.Release(); } }));
    }
    await Task.WhenAll(tasks);
}
