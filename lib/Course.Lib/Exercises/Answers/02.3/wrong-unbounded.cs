// Mistake: starts every item at once (Task.WhenAll over all of them), ignoring maxInFlight.
// Expect: were in flight at the same time
// Exercise 02.3: process every item, with at most maxInFlight of them in flight at once.
async Task RunBatch(IReadOnlyList<int> items, int maxInFlight, Func<int, Task> process)
{
    await Task.WhenAll(items.Select(process));
}
