using System.Reflection;
using System.Reflection.Emit;

namespace Course.Exercises;

/// <summary>
/// What exercise 02.3's answer does that its results cannot show on a check's short schedule, read from its IL (the
/// answer and every method of the learner's own it reaches: lambdas, local functions, async state machines).
/// </summary>
/// <param name="HandsWorkToThePool">
/// It calls Task.Run, Task.Factory.StartNew or ThreadPool.QueueUserWorkItem: the items are asynchronous I/O, so such a
/// hand-off spends a pool thread on starting work that needs none (as in 02.1).
/// </param>
/// <param name="IgnoresAWaitThatGaveUp">
/// It waits on a SemaphoreSlim with a timeout (Wait or WaitAsync with an int or TimeSpan that is not infinite) and drops
/// the bool that says whether a slot was taken: when the wait gives up, the item runs without a slot, and its Release
/// adds one for good.
/// </param>
internal sealed record BatchAnswerCode(bool HandsWorkToThePool, bool IgnoresAWaitThatGaveUp)
{
    /// <summary>Reads <paramref name="answer"/>'s code; an answer whose IL cannot be read does neither.</summary>
    public static BatchAnswerCode Of(Delegate answer)
    {
        bool pool = false, ignored = false;
        foreach (var method in AnswerIl.Reachable(answer.Method, AnswerIl.IsLearnerCode))
        {
            var code = AnswerIl.Of(method);
            foreach (var (at, callee) in code.Calls())
            {
                pool |= IsPoolHandOff(callee);
                ignored |= IsTimedSemaphoreWait(callee) && !HasInfiniteTimeout(code, at) && ResultIsDropped(code, at);
            }
        }
        return new BatchAnswerCode(pool, ignored);
    }

    private static bool IsPoolHandOff(MethodBase callee) =>
        (callee.DeclaringType == typeof(Task) && callee.Name == "Run")
        || (callee.DeclaringType is { } factory && (factory == typeof(TaskFactory) || (factory.IsGenericType && factory.GetGenericTypeDefinition() == typeof(TaskFactory<>)))
            && callee.Name == "StartNew")
        || (callee.DeclaringType == typeof(ThreadPool) && callee.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem");

    /// <summary>SemaphoreSlim.Wait or WaitAsync with a timeout: the overloads that return whether a slot was taken.</summary>
    private static bool IsTimedSemaphoreWait(MethodBase callee) =>
        callee.DeclaringType == typeof(SemaphoreSlim) && callee.Name is "Wait" or "WaitAsync"
        && callee is MethodInfo { ReturnType: var returned } && (returned == typeof(bool) || returned == typeof(Task<bool>));

    /// <summary>The timeout argument is Timeout.Infinite (-1) or Timeout.InfiniteTimeSpan: such a wait never gives up.</summary>
    private static bool HasInfiniteTimeout(AnswerIl code, int call)
    {
        var source = code.ArgumentSource(call, 1);
        return code.ConstantAt(source) == -1
            || (source >= 0 && code.FieldAt(source) is { Name: nameof(Timeout.InfiniteTimeSpan) } field && field.DeclaringType == typeof(Timeout));
    }

    /// <summary>
    /// Whether the bool the wait at <paramref name="call"/> gives is dropped: a synchronous wait's result (or the Task)
    /// popped or kept where nothing reads it; for an awaited WaitAsync, the bool its await gives — an await's GetResult
    /// comes right after the call in the state machine's IL, before any later await's — dropped the same way.
    /// </summary>
    private static bool ResultIsDropped(AnswerIl code, int call)
    {
        if (Dropped(code, call, depth: 3))
        {
            return true;
        }
        var result = code.Calls().FirstOrDefault(c => c.Index > call && IsBoolResult(c.Callee));
        return result.Callee is not null && Dropped(code, result.Index, depth: 3);
    }

    /// <summary>An awaiter's GetResult, or Task&lt;bool&gt;.Result: where an awaited or blocked-on WaitAsync gives its bool.</summary>
    private static bool IsBoolResult(MethodBase callee) =>
        (callee.Name == "GetResult" && IsBoolAwaiter(callee.DeclaringType)) || (callee.Name == "get_Result" && callee.DeclaringType == typeof(Task<bool>));

    private static bool IsBoolAwaiter(Type? type) =>
        type is { IsGenericType: true } && type.GetGenericArguments() is [var result] && result == typeof(bool)
        && (type.GetGenericTypeDefinition() == typeof(System.Runtime.CompilerServices.TaskAwaiter<>)
            || type.GetGenericTypeDefinition() == typeof(System.Runtime.CompilerServices.ConfiguredTaskAwaitable<>.ConfiguredTaskAwaiter));

    /// <summary>
    /// Whether the value that instruction <paramref name="producer"/> pushes is thrown away: popped, or stored into a
    /// local or field that is never read, or only read to be thrown away in turn (a Debug build's spills), up to
    /// <paramref name="depth"/> stores deep.
    /// </summary>
    private static bool Dropped(AnswerIl code, int producer, int depth)
    {
        var next = producer + 1;
        if (depth < 0 || next >= code.Instructions.Count)
        {
            return false;
        }
        var instruction = code.Instructions[next];
        if (instruction.OpCode == OpCodes.Pop)
        {
            return true;
        }
        if (AnswerIl.LocalStored(instruction) is { } local)
        {
            var reads = Enumerable.Range(0, code.Instructions.Count).Where(i => AnswerIl.LocalLoaded(code.Instructions[i]) == local || IsLocalAddress(code.Instructions[i], local)).ToList();
            return reads.All(i => !IsLocalAddress(code.Instructions[i], local) && Dropped(code, i, depth - 1));
        }
        if (instruction.OpCode == OpCodes.Stfld && code.FieldAt(next) is { } field)
        {
            var reads = code.FieldAccesses().Where(a => a.Field == field && code.Instructions[a.Index].OpCode != OpCodes.Stfld).Select(a => a.Index).ToList();
            return reads.All(i => code.Instructions[i].OpCode == OpCodes.Ldfld && Dropped(code, i, depth - 1));
        }
        return false;
    }

    private static bool IsLocalAddress(AnswerIl.Instruction instruction, int local) =>
        (instruction.OpCode == OpCodes.Ldloca_S || instruction.OpCode == OpCodes.Ldloca) && instruction.Operand == local;
}
