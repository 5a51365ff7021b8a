// Mistake: keeps the id in a ThreadLocal, which belongs to a thread: after an await the request goes on on
// another thread and finds null (or another request's id).
// Expect: kept per thread
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    private readonly ThreadLocal<string?> _requestId = new();

    public string? RequestId
    {
        get => _requestId.Value;
        set => _requestId.Value = value;
    }
}
