using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Course.Exercises;

/// <summary>
/// A method's IL, decoded with the runtime's own opcode table (<see cref="OpCodes"/>: each opcode's operand size), for
/// the checks that read what a learner's answer does rather than only what it returns: which methods it calls (call,
/// callvirt, newobj, ldftn), which fields it reads and writes, and — by following the stack back — which instruction
/// loaded a call's argument. <see cref="Reachable"/> follows the answer into the methods it calls (lambdas, local
/// functions, async state machines, helper classes) as far as the caller allows.
/// </summary>
internal sealed class AnswerIl
{
    private static readonly Dictionary<short, OpCode> s_opCodes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    private static readonly AnswerIl s_empty = new(null, null, []);

    private readonly HashSet<int> _entries; // offsets execution can reach other than from the instruction before: branch targets, handlers

    private AnswerIl(MethodBase? method, MethodBody? body, List<Instruction> instructions)
    {
        Method = method;
        Body = body;
        Instructions = instructions;
        _entries = [.. instructions.Where(i => i.Target >= 0).Select(i => i.Target)];
        foreach (var switchTargets in instructions.Where(i => i.SwitchTargets is not null).Select(i => i.SwitchTargets!))
        {
            _entries.UnionWith(switchTargets);
        }
        foreach (var clause in body?.ExceptionHandlingClauses ?? [])
        {
            _entries.Add(clause.TryOffset);
            _entries.Add(clause.HandlerOffset);
            if (clause.Flags == ExceptionHandlingClauseOptions.Filter)
            {
                _entries.Add(clause.FilterOffset);
            }
        }
    }

    /// <summary>One decoded instruction.</summary>
    /// <param name="Offset">Where it starts in the method's IL.</param>
    /// <param name="OpCode">Its opcode (a <c>volatile.</c> prefix is not one: see <paramref name="Volatile"/>).</param>
    /// <param name="Operand">A token, a local's or argument's index, or a 32-bit constant; 0 for none.</param>
    /// <param name="Target">The offset a branch jumps to; -1 for other instructions.</param>
    /// <param name="Volatile">Whether a <c>volatile.</c> prefix came before it.</param>
    /// <param name="SwitchTargets">The offsets a <c>switch</c> jumps to; null for other instructions.</param>
    internal readonly record struct Instruction(int Offset, OpCode OpCode, int Operand, int Target, bool Volatile, int[]? SwitchTargets = null);

    /// <summary>The method read; null for IL decoded from bytes alone.</summary>
    public MethodBase? Method { get; }

    /// <summary>The method's body (its exception clauses: lock regions); null when it has none (abstract, extern, dynamic).</summary>
    public MethodBody? Body { get; }

    public IReadOnlyList<Instruction> Instructions { get; }

    /// <summary>The IL of <paramref name="method"/>; empty (never an exception) when the method has no body the reflection API can give.</summary>
    public static AnswerIl Of(MethodBase method)
    {
        try
        {
            var body = method.GetMethodBody();
            return body?.GetILAsByteArray() is { } bytes ? new AnswerIl(method, body, Decode(bytes)) : s_empty;
        }
        catch (Exception e) when (IsUnresolvable(e))
        {
            return s_empty;
        }
    }

    /// <summary>Decodes raw IL (no method: tokens cannot be resolved). Decoding stops at a byte that is no opcode.</summary>
    public static AnswerIl Of(byte[] il) => new(null, null, Decode(il));

    /// <summary>The method that instruction <paramref name="index"/> calls, creates or takes the address of (call, callvirt, newobj, ldftn, ldvirtftn, ldtoken of a method), or null.</summary>
    public MethodBase? MethodAt(int index) =>
        Instructions[index].OpCode.OperandType == OperandType.InlineMethod ? Resolve(m => m.ResolveMethod(Instructions[index].Operand, TypeArguments, MethodArguments)) : null;

    /// <summary>The field that instruction <paramref name="index"/> loads, stores or takes the address of, or null.</summary>
    public FieldInfo? FieldAt(int index) =>
        Instructions[index].OpCode.OperandType == OperandType.InlineField ? Resolve(m => m.ResolveField(Instructions[index].Operand, TypeArguments, MethodArguments)) : null;

    /// <summary>The 32-bit constant that instruction <paramref name="index"/> pushes (ldc.i4, ldc.i4.s, ldc.i4.0 … ldc.i4.8, ldc.i4.m1), or null.</summary>
    public int? ConstantAt(int index)
    {
        if (index < 0 || index >= Instructions.Count)
        {
            return null;
        }
        var (op, operand) = (Instructions[index].OpCode, Instructions[index].Operand);
        return op == OpCodes.Ldc_I4 ? operand
            : op == OpCodes.Ldc_I4_S ? (sbyte)operand
            : op == OpCodes.Ldc_I4_M1 ? -1
            : op.Value is >= 0x16 and <= 0x1E ? op.Value - 0x16 // ldc.i4.0 … ldc.i4.8
            : null;
    }

    /// <summary>Every call, callvirt, newobj, ldftn and ldvirtftn whose method resolves, with its index.</summary>
    public IEnumerable<(int Index, MethodBase Callee)> Calls()
    {
        for (var i = 0; i < Instructions.Count; i++)
        {
            if (IsCall(Instructions[i].OpCode) || IsFunctionPointer(Instructions[i].OpCode))
            {
                if (MethodAt(i) is { } callee)
                {
                    yield return (i, callee);
                }
            }
        }
    }

    /// <summary>Every ldfld, ldsfld, stfld, stsfld, ldflda and ldsflda whose field resolves, with its index.</summary>
    public IEnumerable<(int Index, FieldInfo Field)> FieldAccesses()
    {
        for (var i = 0; i < Instructions.Count; i++)
        {
            if (Instructions[i].OpCode.OperandType == OperandType.InlineField && FieldAt(i) is { } field)
            {
                yield return (i, field);
            }
        }
    }

    /// <summary>
    /// The index of the instruction that pushed the value <paramref name="depth"/> slots below the top of the stack just
    /// before instruction <paramref name="index"/> runs (0: the top, a call's last argument), found by walking back
    /// through straight-line code with each instruction's pops and pushes; -1 when the walk meets a branch target or
    /// an instruction whose stack effect it cannot tell.
    /// </summary>
    public int Producer(int index, int depth)
    {
        var need = depth;
        for (var j = index - 1; j >= 0; j--)
        {
            if (_entries.Contains(Instructions[j + 1].Offset))
            {
                return -1; // the stack here may come from a jump as well as from the instruction before
            }
            if (StackEffect(j) is not var (pops, pushes))
            {
                return -1;
            }
            if (pushes > need)
            {
                return j;
            }
            need += pops - pushes;
        }
        return -1;
    }

    /// <summary>
    /// Where the argument <paramref name="argument"/> of the call at <paramref name="call"/> comes from (0: the
    /// receiver of an instance method, else the first argument): its producer, followed through dup and through a
    /// local (to the last store into it before), so a value kept in a variable is traced to what made it; -1 when unknown.
    /// </summary>
    public int ArgumentSource(int call, int argument)
    {
        if (!IsCall(Instructions[call].OpCode) || MethodAt(call) is not { } callee)
        {
            return -1;
        }
        var count = callee.GetParameters().Length + (callee.IsStatic || Instructions[call].OpCode == OpCodes.Newobj ? 0 : 1);
        return argument < count ? Source(Producer(call, count - 1 - argument)) : -1;
    }

    /// <summary><paramref name="producer"/> followed through dup and local variables to the instruction that made the value.</summary>
    public int Source(int producer)
    {
        for (var hops = 0; producer >= 0 && hops < 8; hops++)
        {
            var instruction = Instructions[producer];
            if (instruction.OpCode == OpCodes.Dup)
            {
                producer = Producer(producer, 0);
            }
            else if (LocalLoaded(instruction) is { } local)
            {
                var store = Enumerable.Range(0, producer).LastOrDefault(i => LocalStored(Instructions[i]) == local, -1);
                producer = store < 0 ? -1 : Producer(store, 0);
            }
            else
            {
                return producer;
            }
        }
        return -1;
    }

    /// <summary>
    /// <paramref name="entry"/> and the methods it reaches: those it calls or makes a delegate of, and the steps of an
    /// async or iterator state machine, followed only into methods <paramref name="follow"/> accepts; at most
    /// <paramref name="limit"/> methods are read.
    /// </summary>
    public static IEnumerable<MethodBase> Reachable(MethodBase entry, Func<MethodBase, bool> follow, int limit = 2_000)
    {
        var visited = new HashSet<MethodBase>();
        var pending = new Queue<MethodBase>([entry]);
        while (pending.Count > 0 && visited.Count < limit)
        {
            var method = pending.Dequeue();
            if (!visited.Add(method))
            {
                continue;
            }
            yield return method;
            foreach (var step in StateMachineSteps(method))
            {
                pending.Enqueue(step);
            }
            foreach (var (_, callee) in Of(method).Calls())
            {
                if (follow(callee))
                {
                    pending.Enqueue(callee);
                }
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="method"/> is the learner's own code, for <see cref="Reachable"/>: not the framework's
    /// (System*, Microsoft*, netstandard, mscorlib) nor the course library's, and with a body to read.
    /// </summary>
    public static bool IsLearnerCode(MethodBase method)
    {
        var name = method.Module.Assembly.GetName().Name ?? "";
        return !(name.StartsWith("System", StringComparison.Ordinal) || name.StartsWith("Microsoft", StringComparison.Ordinal) ||
                 name is "netstandard" or "mscorlib" or "Course.Lib") && method.GetMethodBody() is not null;
    }

    /// <summary>The methods of the state machine an async method or iterator runs in (its MoveNext), or none.</summary>
    public static IEnumerable<MethodBase> StateMachineSteps(MethodBase method) =>
        method.GetCustomAttributes(typeof(StateMachineAttribute), inherit: false) is [StateMachineAttribute { StateMachineType: { } machine }, ..]
            ? machine.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            : [];

    public static bool IsCall(OpCode op) => op == OpCodes.Call || op == OpCodes.Callvirt || op == OpCodes.Newobj;

    private static bool IsFunctionPointer(OpCode op) => op == OpCodes.Ldftn || op == OpCodes.Ldvirtftn;

    public static int? LocalLoaded(Instruction i) =>
        i.OpCode == OpCodes.Ldloc_0 ? 0 : i.OpCode == OpCodes.Ldloc_1 ? 1 : i.OpCode == OpCodes.Ldloc_2 ? 2 : i.OpCode == OpCodes.Ldloc_3 ? 3
        : i.OpCode == OpCodes.Ldloc_S || i.OpCode == OpCodes.Ldloc ? i.Operand : null;

    public static int? LocalStored(Instruction i) =>
        i.OpCode == OpCodes.Stloc_0 ? 0 : i.OpCode == OpCodes.Stloc_1 ? 1 : i.OpCode == OpCodes.Stloc_2 ? 2 : i.OpCode == OpCodes.Stloc_3 ? 3
        : i.OpCode == OpCodes.Stloc_S || i.OpCode == OpCodes.Stloc ? i.Operand : null;

    public static int? ArgumentLoaded(Instruction i) =>
        i.OpCode == OpCodes.Ldarg_0 ? 0 : i.OpCode == OpCodes.Ldarg_1 ? 1 : i.OpCode == OpCodes.Ldarg_2 ? 2 : i.OpCode == OpCodes.Ldarg_3 ? 3
        : i.OpCode == OpCodes.Ldarg_S || i.OpCode == OpCodes.Ldarg ? i.Operand : null;

    /// <summary>Whether resolving or reading a member failed because the IL names something this process cannot load or use.</summary>
    public static bool IsUnresolvable(Exception e) =>
        e is ArgumentException or BadImageFormatException or InvalidOperationException or NotSupportedException or TypeLoadException
            or MissingMemberException or FileNotFoundException or FileLoadException;

    private Type[]? TypeArguments => Method?.DeclaringType is { IsGenericType: true } declaring ? declaring.GetGenericArguments() : null;

    private Type[]? MethodArguments => Method is { IsGenericMethod: true } ? Method.GetGenericArguments() : null;

    private T? Resolve<T>(Func<Module, T?> resolve) where T : class
    {
        if (Method is null)
        {
            return null;
        }
        try
        {
            return resolve(Method.Module);
        }
        catch (Exception e) when (IsUnresolvable(e))
        {
            return null;
        }
    }

    /// <summary>How many values instruction <paramref name="index"/> pops and pushes; null when the IL alone cannot tell (calli, ret, an unresolved call).</summary>
    private (int Pops, int Pushes)? StackEffect(int index)
    {
        var op = Instructions[index].OpCode;
        int pops = op.StackBehaviourPop switch
        {
            StackBehaviour.Pop0 => 0,
            StackBehaviour.Pop1 or StackBehaviour.Popi or StackBehaviour.Popref => 1,
            StackBehaviour.Pop1_pop1 or StackBehaviour.Popi_pop1 or StackBehaviour.Popi_popi or StackBehaviour.Popi_popi8 or StackBehaviour.Popi_popr4
                or StackBehaviour.Popi_popr8 or StackBehaviour.Popref_pop1 or StackBehaviour.Popref_popi => 2,
            StackBehaviour.Popi_popi_popi or StackBehaviour.Popref_popi_popi or StackBehaviour.Popref_popi_popi8 or StackBehaviour.Popref_popi_popr4
                or StackBehaviour.Popref_popi_popr8 or StackBehaviour.Popref_popi_popref or StackBehaviour.Popref_popi_pop1 => 3,
            _ => -1, // Varpop: by the callee's signature
        };
        int pushes = op.StackBehaviourPush switch
        {
            StackBehaviour.Push0 => 0,
            StackBehaviour.Push1 or StackBehaviour.Pushi or StackBehaviour.Pushi8 or StackBehaviour.Pushr4 or StackBehaviour.Pushr8 or StackBehaviour.Pushref => 1,
            StackBehaviour.Push1_push1 => 2,
            _ => -1, // Varpush: by the callee's signature
        };
        if (pops >= 0 && pushes >= 0)
        {
            return (pops, pushes);
        }
        if (!IsCall(op) || MethodAt(index) is not { } callee)
        {
            return null;
        }
        var newobj = op == OpCodes.Newobj;
        pops = pops >= 0 ? pops : callee.GetParameters().Length + (callee.IsStatic || newobj ? 0 : 1);
        pushes = pushes >= 0 ? pushes : newobj || (callee is MethodInfo { ReturnType: var returned } && returned != typeof(void)) ? 1 : 0;
        return (pops, pushes);
    }

    /// <summary>Decodes IL into instructions; a <c>volatile.</c> prefix marks the instruction after it rather than being one.</summary>
    private static List<Instruction> Decode(byte[] il)
    {
        var list = new List<Instruction>();
        var isVolatile = false;
        var i = 0;
        while (i < il.Length)
        {
            var start = i;
            var value = il[i] == 0xFE && i + 1 < il.Length ? (short)(0xFE00 | il[i + 1]) : il[i];
            i += il[i] == 0xFE ? 2 : 1;
            if (!s_opCodes.TryGetValue(value, out var op) || i + OperandSize(op, il, i) > il.Length)
            {
                break; // not IL the decoder knows, or cut short: stop reading rather than guess
            }
            int operand = 0, target = -1;
            int[]? switchTargets = null;
            switch (op.OperandType)
            {
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget:
                    target = i + 1 + (sbyte)il[i];
                    break;
                case OperandType.ShortInlineI:
                case OperandType.ShortInlineVar:
                    operand = il[i];
                    break;
                case OperandType.InlineVar:
                    operand = BitConverter.ToUInt16(il, i);
                    break;
                case OperandType.InlineBrTarget:
                    target = i + 4 + BitConverter.ToInt32(il, i);
                    break;
                case OperandType.InlineSwitch:
                    var count = BitConverter.ToInt32(il, i);
                    var end = i + 4 + (4 * count);
                    switchTargets = [.. Enumerable.Range(0, count).Select(k => end + BitConverter.ToInt32(il, i + 4 + (4 * k)))];
                    break;
                case OperandType.InlineI8:
                case OperandType.InlineR:
                    break;
                default: // InlineField, InlineI, InlineMethod, InlineSig, InlineString, InlineTok, InlineType, ShortInlineR
                    operand = BitConverter.ToInt32(il, i);
                    break;
            }
            i += OperandSize(op, il, i);
            if (op == OpCodes.Volatile)
            {
                isVolatile = true;
                continue;
            }
            list.Add(new Instruction(start, op, operand, target, isVolatile, switchTargets));
            isVolatile = false;
        }
        return list;
    }

    private static int OperandSize(OpCode op, byte[] il, int at) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => at + 4 <= il.Length ? (int)Math.Min(il.Length + 1L, 4L + (4L * Math.Max(0, BitConverter.ToInt32(il, at)))) : 4,
        _ => 4,
    };
}
