// Mistake: Parallel.ForEachAsync without options runs as many at once as the machine has cores, not maxInFlight.
// Expect: at most
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    await Parallel.ForEachAsync(items, async (item, token) => await process(item));
}
