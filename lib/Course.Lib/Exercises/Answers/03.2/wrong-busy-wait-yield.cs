// Mistake: starts the lookup on another thread, then polls it with Task.Yield until it is done: the loop spins at 100 % CPU.
// Expect: That is busy-waiting
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
async Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    var lookup = Task.Run(() => blockingLookup(id));
    while (!lookup.IsCompleted) await Task.Yield();
    show($"user {id}: {lookup.Result}");
}
