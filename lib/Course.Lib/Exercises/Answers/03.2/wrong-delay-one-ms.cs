// Mistake: awaits a timer (Task.Delay(1)): the others run many times while it ticks, not once each.
// Expect: a timer
// Exercise 03.2: process chunks 1..chunks in order on the event loop, and let every other coroutine take
// exactly one turn between two chunks.
async Task ProcessReport(Action<int> processChunk, int chunks)
{
    for (var chunk = 1; chunk <= chunks; chunk++)
    {
        if (chunk > 1)
        {
            await Task.Delay(1);
        }
        processChunk(chunk);
    }
}
