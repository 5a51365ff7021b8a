// Mistake: makes the recorder Scoped to silence scope validation, although it must stay a Singleton: its count covers
//   one request, and the nightly job outside any request cannot get one.
// Expect: must stay a Singleton
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
    services.AddScoped<IVisitRecorder, VisitRecorder>();
}
