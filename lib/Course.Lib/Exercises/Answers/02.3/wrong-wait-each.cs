// Mistake: waits for each item with .Wait() before starting the next: one at a time, and the caller's thread blocked.
// Expect: blocked the caller's thread
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    foreach (var item in items)
    {
        process(item).Wait();
    }
}
