// Mistake: keeps nothing: Begin returns a scope and drops the id, and RequestId always answers null.
// Expect: Begin does not keep the id
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    public string? RequestId => null;

    public IDisposable Begin(string requestId) => new Scope();

    private sealed class Scope : IDisposable
    {
        public void Dispose() { }
    }
}
