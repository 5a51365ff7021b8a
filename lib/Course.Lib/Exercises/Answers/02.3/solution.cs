// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var options = new ParallelOptions { MaxDegreeOfParallelism = maxInFlight };
    await Parallel.ForEachAsync(items, options, async (item, token) => await process(item));
}
