// Mistake: wraps every call in Task.Run: concurrent and nothing blocks, but each call of an asynchronous
// service borrows a pool thread just to start I/O that needs no thread.
// Expect: handed each call to the pool
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    return await Task.WhenAll(services.Select(s => Task.Run(s)));
}
