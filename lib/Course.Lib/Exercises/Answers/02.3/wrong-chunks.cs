// Mistake: processes the items in chunks of maxInFlight, so each chunk waits for its slowest item while slots stand empty.
// Expect: a chunk of items that waits for its slowest
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    foreach (var chunk in items.Chunk(maxInFlight))
    {
        await Task.WhenAll(chunk.Select(process));
    }
}
