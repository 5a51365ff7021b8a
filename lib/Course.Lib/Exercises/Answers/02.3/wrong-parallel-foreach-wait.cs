// Mistake: Parallel.ForEach inside Task.Run with .Wait() on each item: bounded, but every item in flight blocks a pool thread.
// Expect: thread of its own
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var options = new ParallelOptions { MaxDegreeOfParallelism = maxInFlight };
    await Task.Run(() => Parallel.ForEach(items, options, item => process(item).Wait()));
}
