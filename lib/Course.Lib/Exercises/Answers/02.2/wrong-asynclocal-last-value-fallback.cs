// Mistake: falls back to the last id anybody set when the flow has none, so a request that set nothing reads another's id.
// Expect: another request's value
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    private readonly AsyncLocal<string?> _requestId = new();
    private string? _last;

    public string? RequestId
    {
        get => _requestId.Value ?? _last;
        set
        {
            _requestId.Value = value;
            _last = value;
        }
    }
}
