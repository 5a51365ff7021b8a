// Mistake: takes a slot with WaitAsync but releases it as soon as the item has started, before awaiting it,
// so the semaphore bounds how many start at once, not how many are in flight.
// Expect: were in flight at the same time
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    await Task.WhenAll(items.Select(async item =>
    {
        await slots.WaitAsync();
        var running = process(item);
        slots.Release();
        await running;
    }));
}
