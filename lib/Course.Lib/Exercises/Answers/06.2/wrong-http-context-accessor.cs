// Mistake: takes the request's VisitsDb through IHttpContextAccessor: works inside requests, fails in the nightly job,
//   which has no request.
// Expect: that is service location
// Exercise 06.2: VisitRecorder must stay a Singleton (it counts the visits since start, and the nightly job uses it
// outside any request), but VisitsDb is Scoped, like a DbContext. Fix the captive dependency.
class VisitRecorder(IHttpContextAccessor accessor) : IVisitRecorder
{
    private int _visits;
    public int VisitsSinceStart => Volatile.Read(ref _visits);

    public async Task RecordAsync(string page, CancellationToken token)
    {
        var db = accessor.HttpContext.RequestServices.GetRequiredService<VisitsDb>();
        db.Add(page);
        await db.SaveChangesAsync(token);
        Interlocked.Increment(ref _visits);
    }
}

void AddVisitServices(IServiceCollection services)
{
    services.AddHttpContextAccessor();
    services.AddSingleton<IVisitRecorder, VisitRecorder>();
}
