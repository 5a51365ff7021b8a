// Mistake: awaits Task.Yield() first "to make it async", then calls the blocking function: still on the loop.
// Expect: an await before it (Task.Yield) does not change where it runs
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    await Task.Yield();
    show($"user {id}: {blockingLookup(id)}");
}
