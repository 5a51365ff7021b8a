// Mistake: an AsyncLocal that holds a mutable box changed in place: the callee's change reaches its caller,
// because both flows share the one box (AsyncLocal copies on write of .Value only).
// Expect: changed in place
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    private readonly AsyncLocal<StrongBox<string?>> _requestId = new();

    public string? RequestId
    {
        get => _requestId.Value?.Value;
        set
        {
            if (_requestId.Value is null)
            {
                _requestId.Value = new StrongBox<string?>(value);
            }
            else
            {
                _requestId.Value.Value = value;
            }
        }
    }
}
