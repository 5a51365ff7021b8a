// Mistake: keeps the id in a [ThreadStatic] field, one per thread, which an await leaves behind.
// Expect: lost after the await
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    [ThreadStatic]
    private static string? t_requestId;

    public string? RequestId => t_requestId;

    public IDisposable Begin(string requestId)
    {
        var previous = t_requestId;
        t_requestId = requestId;
        return new Scope(() => t_requestId = previous);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
