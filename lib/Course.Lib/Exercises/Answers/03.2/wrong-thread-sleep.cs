// Mistake: "pauses" between chunks with Thread.Sleep, which blocks the loop's only thread instead of giving it back.
// Expect: Thread.Sleep
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1)
        {
            Thread.Sleep(1);
        }
        processChunk(chunk);
    }
    return Task.CompletedTask;
}
