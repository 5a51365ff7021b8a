// Mistake: bounded with a semaphore, but each item is wrapped in Task.Run: a pool thread to start asynchronous I/O that needs none (02.1's mistake).
// Expect: hands work to the thread pool
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    var running = new List<Task>();
    foreach (var item in items)
    {
        await slots.WaitAsync();
        running.Add(Task.Run(async () => { try { await process(item); } finally { slots.Release(); } }));
    }
    await Task.WhenAll(running);
}
