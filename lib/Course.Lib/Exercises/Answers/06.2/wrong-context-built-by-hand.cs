// Mistake: builds a VisitsDb of its own with new for each visit instead of asking a scope for one: the container's
//   registration (a real DbContext's provider and connection string) is bypassed.
// Expect: built by your code
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(VisitDatabase database) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        await using var db = new VisitsDb(database);
        db.Add(page);
        await db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
