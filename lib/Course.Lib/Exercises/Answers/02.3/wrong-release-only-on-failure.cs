// Mistake: gives the slot back only when an item fails (Release in catch, not in finally), so after maxInFlight items
// nothing more starts.
// Expect: give its slot back
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    var tasks = items.Select(async item =>
    {
        await slots.WaitAsync();
        try { await process(item); }
        catch { slots.Release(); throw; }
    }).ToArray();
    await Task.WhenAll(tasks);
}
