// Mistake: starts the work and returns at once (fire and forget): the report's Task completes before its chunks ran.
// Expect: completed before the report was done
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
Task ProcessReport(Action<int> processChunk, int chunks)
{
    _ = Work();
    return Task.CompletedTask;

    async Task Work()
    {
        for (var chunk = 1; chunk <= chunks; chunk++)
        {
            if (chunk > 1)
            {
                await Task.Yield();
            }
            processChunk(chunk);
        }
    }
}
