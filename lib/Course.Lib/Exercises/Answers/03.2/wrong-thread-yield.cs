// Mistake: Thread.Yield() between chunks instead of await Task.Yield(): the thread is offered to other OS threads,
// never given back to the loop.
// Expect: Thread.Yield
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1) Thread.Yield();
        processChunk(chunk);
    }
    return Task.CompletedTask;
}
