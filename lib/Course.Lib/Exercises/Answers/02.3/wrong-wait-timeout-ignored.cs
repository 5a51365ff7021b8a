// Mistake: waits for a slot with a timeout "so it never hangs" and ignores the bool: after the timeout an item runs without a slot, and its Release adds one.
// Expect: returns false when it gives up
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    var all = items.Select(async item =>
    {
        await slots.WaitAsync(TimeSpan.FromMilliseconds(500));
        try { await process(item); } finally { slots.Release(); }
    });
    await Task.WhenAll(all);
}
