// Mistake: Parallel.ForEachAsync with the right limit, but a body that blocks its pool thread with .Wait()
// instead of awaiting the item.
// Expect: blocked in a synchronous wait
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var options = new ParallelOptions { MaxDegreeOfParallelism = maxInFlight };
    await Parallel.ForEachAsync(items, options, (item, token) =>
    {
        process(item).Wait();
        return ValueTask.CompletedTask;
    });
}
