// Mistake: borrows the request's VisitsDb through IHttpContextAccessor, and opens a scope only when there is no request
//   (the nightly job): it passes every run, but it is the service location the Pitfalls warn about, and the recorder
//   shares the request's DbContext with whatever else the request does.
// Expect: that is service location
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IHttpContextAccessor http, IServiceScopeFactory scopes) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        if (http.HttpContext is { } context)   // in a request: the request's own VisitsDb
        {
            var db = context.RequestServices.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(token);
        }
        else                                    // the nightly job
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
            db.Add(page);
            await db.SaveChangesAsync(token);
        }
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddHttpContextAccessor();
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
