// Mistake: a SemaphoreSlim(1) "to protect the library" lets one lookup run at a time: the requests queue behind each other.
// Expect: lookups ran together
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
SemaphoreSlim oneAtATime = new(1);
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    await oneAtATime.WaitAsync();
    try
    {
        var name = await Task.Run(() => blockingLookup(id));
        show($"user {id}: {name}");
    }
    finally { oneAtATime.Release(); }
}
