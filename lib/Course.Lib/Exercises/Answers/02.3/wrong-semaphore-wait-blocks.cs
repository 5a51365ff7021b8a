// Mistake: takes a slot with the synchronous SemaphoreSlim.Wait(), which blocks the caller's thread until an item finishes.
// Expect: blocked the caller's thread
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    var running = new List<Task>();
    foreach (var item in items)
    {
        slots.Wait();
        running.Add(Run(item));
    }
    await Task.WhenAll(running);

    async Task Run(int item)
    {
        try
        {
            await process(item);
        }
        finally
        {
            slots.Release();
        }
    }
}
