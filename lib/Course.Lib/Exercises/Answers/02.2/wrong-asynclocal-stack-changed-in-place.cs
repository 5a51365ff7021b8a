// Mistake: an AsyncLocal holding a Stack<string> that Begin pushes onto and Dispose pops: the stack is one object
// shared by the parent and every child task, so a child's scope changes its parent's id.
// Expect: changed in place
// Exercise 02.2: Begin(id) opens a request-id scope that follows the request across awaits; disposing it restores the id from before.
class RequestContext : IRequestContext
{
    private readonly AsyncLocal<Stack<string>> _scopes = new();

    public string? RequestId => _scopes.Value is { Count: > 0 } scopes ? scopes.Peek() : null;

    public IDisposable Begin(string requestId)
    {
        _scopes.Value ??= new Stack<string>();
        var scopes = _scopes.Value;
        scopes.Push(requestId);
        return new Scope(() => scopes.Pop());
    }

    private sealed class Scope(Action end) : IDisposable
    {
        public void Dispose() => end();
    }
}
