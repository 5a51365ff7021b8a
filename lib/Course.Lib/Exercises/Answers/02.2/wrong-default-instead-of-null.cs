// Mistake: the getter returns "none" instead of null when no id was set in this flow.
// Expect: a value no request set
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    private readonly AsyncLocal<string?> _requestId = new();

    public string? RequestId
    {
        get => _requestId.Value ?? "none";
        set => _requestId.Value = value;
    }
}
