// Mistake: runs each chunk with Task.Run, on a thread-pool thread, off the event loop.
// Expect: Task.Run leaves the loop
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        var current = chunk;
        await Task.Run(() => processChunk(current));
    }
}
