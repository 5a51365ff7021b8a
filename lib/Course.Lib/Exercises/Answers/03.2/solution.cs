// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    var name = await Task.Run(() => blockingLookup(id));   // asyncio: await asyncio.to_thread(blocking_lookup, id)
    show($"user {id}: {name}");                            // back on the loop's thread
}
