// Mistake: the code as shipped: a Singleton holding the Scoped VisitsDb in its constructor.
// Expect: captive dependency
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(VisitsDb db) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        db.Add(page);
        await db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
