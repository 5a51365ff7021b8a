// Mistake: returns an empty answer without calling any service.
// Expect: without calling any service
// Exercise 02.1: call every service at once and return their answers in the order of the services.
async Task<string[]> FetchAll(Func<Task<string>>[] services)
{
    return new string[services.Length];
}
