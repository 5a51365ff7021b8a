// Mistake: awaits Task.Delay(0), which is already finished: the method goes straight on, no turn for anyone.
// Expect: Task.Delay(0)
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1)
        {
            await Task.Delay(0);
        }
        processChunk(chunk);
    }
}
