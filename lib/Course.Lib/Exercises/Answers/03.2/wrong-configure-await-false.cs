// Mistake: ConfigureAwait(false) on the await: the code after it, show(...), runs on the pool thread, not on the loop.
// Expect: not on the loop
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    var name = await Task.Run(() => blockingLookup(id)).ConfigureAwait(false);
    show($"user {id}: {name}");
}
