namespace Course.Kernel.Protocol;

/// <summary>
/// The signatures of the messages a kernel has accepted, so that a signed message sent again (a replay: someone who
/// saw it on the wire sends the same bytes) is refused, as ipykernel refuses it. Every message's header holds a fresh
/// id and date, so a legitimate client never repeats a signature. Keeps the most recent <see cref="Capacity"/>.
/// </summary>
public sealed class SeenSignatures
{
    private readonly HashSet<string> _seen = new(StringComparer.OrdinalIgnoreCase);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>How many signatures are remembered (ipykernel keeps 2^16).</summary>
    public int Capacity { get; }

    /// <summary>Remembers up to <paramref name="capacity"/> signatures.</summary>
    public SeenSignatures(int capacity = 1 << 16)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>True the first time <paramref name="signature"/> is seen; false when it was seen before (a replay).</summary>
    public bool TryAdd(string signature)
    {
        lock (_lock)
        {
            if (!_seen.Add(signature))
            {
                return false;
            }
            _order.Enqueue(signature);
            if (_order.Count > Capacity)
            {
                _seen.Remove(_order.Dequeue());
            }
            return true;
        }
    }
}
