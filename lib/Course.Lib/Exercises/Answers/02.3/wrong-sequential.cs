// Mistake: awaits one item after another, so only one is ever in flight.
// Expect: only 1 item(s) had started
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    foreach (var item in items)
    {
        await process(item);
    }
}
