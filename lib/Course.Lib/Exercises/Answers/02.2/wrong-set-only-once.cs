// Mistake: the setter keeps the first id of a flow and ignores later ones, so a method that sets its own id still reads its caller's.
// Expect: must replace it there
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    private readonly AsyncLocal<string?> _requestId = new();

    public string? RequestId
    {
        get => _requestId.Value;
        set => _requestId.Value ??= value;
    }
}
