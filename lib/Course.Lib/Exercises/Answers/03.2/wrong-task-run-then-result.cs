// Mistake: moves the lookup to another thread, then waits for it with .Result: the loop's thread blocks anyway.
// Expect: the loop's thread blocked while it waited
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    var name = Task.Run(() => blockingLookup(id)).Result;
    show($"user {id}: {name}");
}
