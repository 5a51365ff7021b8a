// Mistake: keeps the id in a ThreadLocal, which belongs to a thread: after an await the request goes on on
// another thread and the id is lost.
// Expect: lost after the await
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private readonly ThreadLocal<string?> _requestId = new();

    public string? RequestId => _requestId.Value;

    public IDisposable Begin(string requestId)
    {
        var previous = _requestId.Value;
        _requestId.Value = requestId;
        return new Scope(() => _requestId.Value = previous);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
