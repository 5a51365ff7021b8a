// Mistake: opens one scope in the constructor and keeps its VisitsDb: still one context for every request, used by
//   concurrent visits at once.
// Expect: Two visits at the same time used one VisitsDb
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IServiceScopeFactory scopes) : IVisitRecorder
{
    private readonly VisitsDb _db = scopes.CreateScope().ServiceProvider.GetRequiredService<VisitsDb>();
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        _db.Add(page);
        await _db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
