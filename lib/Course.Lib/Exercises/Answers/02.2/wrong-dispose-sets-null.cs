// Mistake: an AsyncLocal, but Dispose sets the id to null instead of restoring the enclosing scope's id,
// so after a nested scope ends the outer request has no id.
// Expect: instead of restoring the outer one
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private readonly AsyncLocal<string?> _requestId = new();

    public string? RequestId => _requestId.Value;

    public IDisposable Begin(string requestId)
    {
        _requestId.Value = requestId;
        return new Scope(() => _requestId.Value = null);
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
