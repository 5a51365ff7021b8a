// Mistake: opens a scope per visit but never disposes it: every VisitsDb (a real one: its connection) stays open.
// Expect: never disposed
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IServiceScopeFactory scopes) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
        db.Add(page);
        await db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
