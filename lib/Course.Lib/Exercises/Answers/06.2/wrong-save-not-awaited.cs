// Mistake: returns the save's task instead of awaiting it, so the scope is disposed while the save still runs.
// Expect: still running
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IServiceScopeFactory scopes) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public Task RecordAsync(string page, CancellationToken token)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VisitsDb>();
        db.Add(page);
        Interlocked.Increment(ref _visits);
        return db.SaveChangesAsync(token);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
