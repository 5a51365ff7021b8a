// Mistake: starts the lookup and returns without awaiting it: the Task completes before anything is shown.
// Expect: completed before show was called
// Exercise 03.2: on the event loop, look the user up with the blocking blockingLookup(id) without blocking the loop,
// then show "user <id>: <name>" on the loop.
Task ShowUser(int id, Func<int, string> blockingLookup, Action<string> show)
{
    _ = Task.Run(() => blockingLookup(id)).ContinueWith(name => show($"user {id}: {name.Result}"));
    return Task.CompletedTask;
}
