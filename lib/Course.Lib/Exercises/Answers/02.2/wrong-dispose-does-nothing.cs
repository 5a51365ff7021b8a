// Mistake: Begin sets the AsyncLocal and returns a scope whose Dispose does nothing, so a nested scope's id
// outlives it.
// Expect: Dispose did not end the scope
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private readonly AsyncLocal<string?> _requestId = new();

    public string? RequestId => _requestId.Value;

    public IDisposable Begin(string requestId)
    {
        _requestId.Value = requestId;
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() { }
    }
}
