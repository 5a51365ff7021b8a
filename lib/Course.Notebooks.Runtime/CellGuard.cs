using System.Runtime.CompilerServices;
using System.Threading;

namespace Course.Notebooks.Runtime;

/// <summary>
/// Calls to this type are inserted by the engine into every cell at loop back-edges and method
/// entries, so that a time limit or an interrupt really stops the cell (.NET cannot abort a
/// thread) and deep recursion ends with an exception instead of a crashed process.
/// </summary>
/// <remarks>
/// A stop applies to one cell run: the code the cell runs and every task or thread it starts (the
/// run's scope flows with the execution context). Work that an earlier cell left running in the
/// background is not stopped by a later cell's time limit.
/// </remarks>
public static class CellGuard
{
    private static readonly AsyncLocal<StopScope?> s_scope = new();
    private static volatile int s_stoppedScopes;

    /// <summary>Called at each loop iteration: throws once the running cell must stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Loop()
    {
        if (s_stoppedScopes != 0)
        {
            ThrowIfStopped();
        }
    }

    /// <summary>Called at each method entry: also stops runaway recursion before the stack overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter()
    {
        if (s_stoppedScopes != 0)
        {
            ThrowIfStopped();
        }
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    /// <summary>Makes <paramref name="scope"/> the current execution context's scope (call before running a cell).</summary>
    internal static void Enter(StopScope scope) => s_scope.Value = scope;

    internal static void Stop(StopScope scope, string reason)
    {
        if (scope.TryStop(reason))
        {
            Interlocked.Increment(ref s_stoppedScopes);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowIfStopped()
    {
        if (s_scope.Value is { Reason: { } reason })
        {
            throw new CellStoppedException(reason);
        }
    }
}

/// <summary>The stop state of one cell run.</summary>
internal sealed class StopScope
{
    private volatile string? _reason;

    /// <summary>Why the run was stopped; null while it may go on.</summary>
    public string? Reason => _reason;

    public bool TryStop(string reason) => Interlocked.CompareExchange(ref _reason, reason, null) is null;
}

/// <summary>Thrown inside a cell that the engine stopped (time limit or interrupt).</summary>
public sealed class CellStoppedException : System.OperationCanceledException
{
    internal CellStoppedException(string reason) : base(reason)
    {
    }
}
