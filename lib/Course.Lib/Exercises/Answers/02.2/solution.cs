// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private readonly AsyncLocal<string?> _requestId = new();

    public string? RequestId => _requestId.Value;

    public IDisposable Begin(string requestId)
    {
        var previous = _requestId.Value;                    // the enclosing scope's id, or null
        _requestId.Value = requestId;
        return new Scope(() => _requestId.Value = previous); // Dispose puts it back
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
