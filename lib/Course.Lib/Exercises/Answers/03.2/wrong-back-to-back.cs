// Mistake: processes every chunk back to back and never gives the loop a turn.
// Expect: back to back
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        processChunk(chunk);
    }
    return Task.CompletedTask;
}
