// Mistake: keeps the id in a [ThreadStatic] field, one per thread, which an await leaves behind.
// Expect: kept per thread
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    [ThreadStatic]
    private static string? t_requestId;

    public string? RequestId
    {
        get => t_requestId;
        set => t_requestId = value;
    }
}
