// Mistake: catches every item's exception to keep the batch going, and never tells the caller that an item failed.
// Expect: the failure was lost
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    await Task.WhenAll(items.Select(async item =>
    {
        await slots.WaitAsync();
        try { await process(item); }
        catch (Exception) { }
        finally { slots.Release(); }
    }));
}
