// Mistake: calls Task.Yield() without await: it only makes an awaitable, so nothing yields.
// Expect: without await
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1) Task.Yield();
        processChunk(chunk);
    }
}
