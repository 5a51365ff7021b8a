// Mistake: calls the blocking function directly in the coroutine: the loop's only thread waits for it.
// Expect: ran on the loop's own thread
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    show($"user {id}: {blockingLookup(id)}");
}
