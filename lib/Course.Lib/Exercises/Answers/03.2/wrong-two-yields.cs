// Mistake: yields twice between two chunks: every other coroutine gets two turns.
// Expect: yield once between two chunks
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1)
        {
            await Task.Yield();
            await Task.Yield();
        }
        processChunk(chunk);
    }
}
