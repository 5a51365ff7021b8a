// Mistake: awaits an empty Task.Run between chunks: the loop waits for another thread, and the others run
// as many times as fit meanwhile (or none at all, when the pool finished it before the await).
// Expect: Task.Run
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1)
        {
            await Task.Run(() => { });
        }
        processChunk(chunk);
    }
}
