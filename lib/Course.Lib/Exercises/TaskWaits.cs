using System.Collections;
using System.Reflection;

namespace Course.Exercises;

/// <summary>
/// Finds synchronous waiters on tasks. A thread that waits for an unfinished task with .Wait(), .Result,
/// GetAwaiter().GetResult() or Task.WaitAll hangs one of the runtime's own completion actions on it (a
/// ManualResetEventSlim setter, "SetOnInvokeMres" or "SetOnCountdownMres") and sleeps until it fires; await,
/// Task.WhenAll and ContinueWith hang other kinds. The runtime keeps them in a non-public field, read here by
/// reflection: when that field is not found (another runtime), nothing is reported.
/// </summary>
internal static class TaskWaits
{
    private static readonly FieldInfo? s_continuations =
        typeof(Task).GetField("m_continuationObject", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>
    /// True when a synchronous waiter hangs on one of <paramref name="tasks"/>, or on a task that continues them
    /// (Task.WhenAll's, ContinueWith's, an async method's), looked at up to a few steps away and never past <paramref name="stopAt"/>.
    /// </summary>
    public static bool AnyBlockingWaiter(IEnumerable<Task> tasks, Task? stopAt)
    {
        if (s_continuations is null)
        {
            return false;
        }
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Queue<(Task Task, int Depth)>(tasks.Select(t => (t, 0)));
        while (pending.Count > 0)
        {
            var (task, depth) = pending.Dequeue();
            if (object.ReferenceEquals(task, stopAt) || !seen.Add(task) || task.IsCompleted)
            {
                continue;
            }
            foreach (var action in Actions(s_continuations.GetValue(task)))
            {
                var name = action.GetType().Name;
                if (name is "SetOnInvokeMres" or "SetOnCountdownMres")
                {
                    return true;
                }
                if (depth >= 4)
                {
                    continue;
                }
                if (Continued(action) is { } next)
                {
                    pending.Enqueue((next, depth + 1));
                }
            }
        }
        return false;
    }

    /// <summary>The task a continuation goes on with: itself (Task.WhenAll's, an async method's), ContinueWith's, or the async method an await resumes.</summary>
    private static Task? Continued(object action) => action switch
    {
        Task task => task,
        Delegate { Target: Task resumed } => resumed,
        _ => Field(action, "m_task") as Task ?? (Field(action, "m_action") as Delegate)?.Target as Task,
    };

    private static object? Field(object value, string name) =>
        value.GetType().GetField(name, BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(value);

    private static IEnumerable<object> Actions(object? continuation) => continuation switch
    {
        null => [],
        IList list => ListItems(list),
        _ => [continuation],
    };

    private static List<object> ListItems(IList list)
    {
        lock (list) // the runtime locks the list while it adds to it
        {
            return [.. list.Cast<object?>().OfType<object>()];
        }
    }
}
