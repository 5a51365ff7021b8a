// Mistake: awaits the lookup in Task.Run, but drops its value and calls blockingLookup again for show: the second call
// runs on the loop's own thread and blocks it all over again.
// Expect: use the value await Task.Run(...) gives you
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    await Task.Run(() => blockingLookup(id));
    show($"user {id}: {blockingLookup(id)}");
}
