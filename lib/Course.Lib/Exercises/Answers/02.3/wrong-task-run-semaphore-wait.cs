// Mistake: moves the loop with the synchronous SemaphoreSlim.Wait() into Task.Run: the caller is free, but a pool thread blocks instead.
// Expect: thread of its own
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var slots = new SemaphoreSlim(maxInFlight);
    await Task.Run(async () =>
    {
        var running = new List<Task>();
        foreach (var item in items)
        {
            slots.Wait();
            running.Add(process(item).ContinueWith(_ => slots.Release()));
        }
        await Task.WhenAll(running);
    });
}
