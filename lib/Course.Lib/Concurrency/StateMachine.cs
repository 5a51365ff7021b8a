using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Course.Concurrency;

/// <summary>
/// Shows the state machine the C# compiler generates for an <c>async</c> method: its type (a struct in Release builds,
/// a class in Debug ones) and each field, with what it keeps while the method is paused.
/// </summary>
/// <example>
/// <code>
/// async Task&lt;int&gt; MakeTea(int cups) { var water = cups * 250; await kettle.Task; return water; }
/// StateMachine.Describe(MakeTea)
/// // &lt;MakeTea&gt;d__0: a struct implementing IAsyncStateMachine
/// //   &lt;&gt;1__state     where to resume: -1 not started or running, 0, 1, … = at that await, -2 finished
/// //   …
/// </code>
/// </example>
public static class StateMachine
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    /// <summary>
    /// The state machine of <paramref name="asyncMethod"/> (a method group or delegate of an <c>async</c> method),
    /// described: one line for the type, then one per field.
    /// </summary>
    /// <exception cref="ArgumentException">The method is not <c>async</c> (the compiler made no state machine for it).</exception>
    public static string Describe(Delegate asyncMethod)
    {
        ArgumentNullException.ThrowIfNull(asyncMethod);
        var machine = asyncMethod.Method.GetCustomAttribute<AsyncStateMachineAttribute>()?.StateMachineType
            ?? throw new ArgumentException($"{asyncMethod.Method.Name} is not an async method: the compiler made no state machine for it.", nameof(asyncMethod));
        var text = new StringBuilder($"{machine.Name}: a {(machine.IsValueType ? "struct" : "class")} implementing IAsyncStateMachine");
        foreach (var field in machine.GetFields(Instance))
        {
            text.Append($"\n  {field.Name,-14} {Meaning(field.Name)}");
        }
        return text.ToString();
    }

    /// <summary>What a field of a compiler-generated state machine keeps, from the compiler's naming scheme.</summary>
    internal static string Meaning(string field) => field switch
    {
        "<>1__state" => "where to resume: -1 not started or running, 0, 1, … = at that await, -2 finished",
        "<>t__builder" => "builds the Task the caller holds",
        "<>4__this" => "the object the method belongs to (in a notebook: the cell's submission)",
        _ when field.StartsWith("<>u__", StringComparison.Ordinal) => "the awaiter of the await it is paused at",
        _ when field.Contains(">5__", StringComparison.Ordinal) => "a local variable, hoisted into a field",
        _ when field.StartsWith("<>", StringComparison.Ordinal) => "a value the compiler keeps across an await",
        _ => "a parameter",
    };
}
