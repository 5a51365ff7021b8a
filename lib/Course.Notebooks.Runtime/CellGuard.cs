using System.Runtime.CompilerServices;
using System.Threading;

namespace Course.Notebooks.Runtime;

/// <summary>
/// Calls to this type are inserted by the engine into every cell at loop back-edges and method
/// entries, so that a time limit or an interrupt really stops the cell (.NET cannot abort a
/// thread) and deep recursion ends with an exception instead of a crashed process.
/// </summary>
public static class CellGuard
{
    private static volatile bool s_stopRequested;
    private static volatile string s_reason = "";

    /// <summary>Called at each loop iteration: throws once the running cell must stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Loop()
    {
        if (s_stopRequested)
        {
            Throw();
        }
    }

    /// <summary>Called at each method entry: also stops runaway recursion before the stack overflows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter()
    {
        if (s_stopRequested)
        {
            Throw();
        }
        RuntimeHelpers.EnsureSufficientExecutionStack();
    }

    internal static void RequestStop(string reason)
    {
        s_reason = reason;
        s_stopRequested = true;
    }

    internal static void Reset() => s_stopRequested = false;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Throw() => throw new CellStoppedException(s_reason);
}

/// <summary>Thrown inside a cell that the engine stopped (time limit or interrupt).</summary>
public sealed class CellStoppedException : System.OperationCanceledException
{
    internal CellStoppedException(string reason) : base(reason)
    {
    }
}
