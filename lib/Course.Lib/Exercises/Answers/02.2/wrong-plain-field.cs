// Mistake: a plain property: one slot shared by every request, and the last one to write wins.
// Expect: one slot for everybody
// Exercise 02.2: keep the request id where it follows the request across awaits and threads.
class RequestIdHolder : IRequestIdHolder
{
    public string? RequestId { get; set; }
}
