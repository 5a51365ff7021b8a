// Mistake: a static field, restored on Dispose: right for one request at a time, but every concurrent request
// reads and writes the same slot, so their ids leak into each other.
// Expect: one slot for everybody
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private static string? s_requestId;

    public string? RequestId => s_requestId;

    public IDisposable Begin(string requestId)
    {
        var previous = s_requestId;
        s_requestId = requestId;
        return new Scope(() => s_requestId = previous);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
