// Mistake: does not keep anything: the setter drops the value and the getter always answers null.
// Expect: does not keep what is set
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    public string? RequestId
    {
        get => null;
        set { }
    }
}
