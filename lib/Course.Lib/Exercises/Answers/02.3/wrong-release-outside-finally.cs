// Mistake: releases the semaphore after the item without try/finally, so an item that throws keeps its slot
// for ever and the items waiting for one never start.
// Expect: the slot that item held was never given back
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    await Task.WhenAll(items.Select(async item =>
    {
        await slots.WaitAsync();
        await process(item);
        slots.Release();
    }));
}
