// Mistake: injects IServiceProvider and resolves the VisitsDb from it: a Singleton is given the root provider,
//   which refuses Scoped services under validation (and without it hands out one context for the app's lifetime).
// Expect: root provider
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IServiceProvider provider) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        var db = provider.GetRequiredService<VisitsDb>();
        db.Add(page);
        await db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
