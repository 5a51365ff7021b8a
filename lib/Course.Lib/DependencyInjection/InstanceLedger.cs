using System.Runtime.CompilerServices;

namespace Course.DependencyInjection;

/// <summary>
/// Gives every object it is shown a short, stable label — its type name and a number counted per type in order of
/// creation (<c>Cart#1</c>, <c>Cart#2</c>) — and keeps an ordered log of what happened to them (created, disposed,
/// anything else a cell records). Labels are the same on every run, unlike GUIDs or hash codes, so a notebook can
/// print them. Thread-safe.
/// </summary>
public sealed class InstanceLedger
{
    private readonly Lock _gate = new();
    private readonly ConditionalWeakTable<object, string> _labels = [];
    private readonly Dictionary<string, int> _counts = [];
    private readonly List<string> _events = [];

    /// <summary>Gives <paramref name="instance"/> its label (the next number for its type) and logs "created".</summary>
    /// <returns>The label, for example <c>Cart#2</c>.</returns>
    public string Created(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            if (_labels.TryGetValue(instance, out var existing))
            {
                return existing;
            }
            var kind = instance.GetType().Name;
            var number = _counts.GetValueOrDefault(kind) + 1;
            _counts[kind] = number;
            var label = $"{kind}#{number}";
            _labels.Add(instance, label);
            _events.Add($"created  {label}");
            return label;
        }
    }

    /// <summary>The label of <paramref name="instance"/>; labels it first if it has none yet.</summary>
    public string LabelOf(object instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            if (_labels.TryGetValue(instance, out var label))
            {
                return label;
            }
        }
        return Created(instance);
    }

    /// <summary>Logs that <paramref name="instance"/> was disposed.</summary>
    public void Disposed(object instance) => Record($"disposed {LabelOf(instance)}");

    /// <summary>Logs a line of your own (for example "endpoint runs") between the created/disposed lines.</summary>
    public void Record(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            _events.Add(text);
        }
    }

    /// <summary>A copy of the log, in the order things happened.</summary>
    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>How many objects of the type named <paramref name="typeName"/> were labelled so far.</summary>
    public int CountOf(string typeName)
    {
        lock (_gate)
        {
            return _counts.GetValueOrDefault(typeName);
        }
    }

    /// <summary>Empties the log; labels and numbering are kept, so a later object never reuses a label.</summary>
    public void ClearEvents()
    {
        lock (_gate)
        {
            _events.Clear();
        }
    }
}
