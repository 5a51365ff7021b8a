// Mistake: a SemaphoreSlim with one slot too many lets maxInFlight + 1 items run together.
// Expect: were in flight at the same time
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight + 1);
    await Task.WhenAll(items.Select(async item =>
    {
        await slots.WaitAsync();
        try
        {
            await process(item);
        }
        finally
        {
            slots.Release();
        }
    }));
}
