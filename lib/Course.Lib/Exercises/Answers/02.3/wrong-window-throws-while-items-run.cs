// Mistake: a sliding window with Task.WhenAny awaits each finished task at once, so the first failure leaves the method
// while the other items in the window are still running: nobody waits for them, and their own failures are never seen.
// Expect: wait for the items in flight before letting the exception out
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    var running = new List<Task>();
    foreach (var item in items)
    {
        if (running.Count == maxInFlight)
        {
            var done = await Task.WhenAny(running);
            running.Remove(done);
            await done;
        }
        running.Add(process(item));
    }
    await Task.WhenAll(running);
}
