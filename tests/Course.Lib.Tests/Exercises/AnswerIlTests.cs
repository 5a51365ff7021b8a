using System.Reflection;
using System.Reflection.Emit;
using System.Security.Cryptography;
using System.Text;
using Course.Exercises;

namespace Course.Lib.Tests.Exercises;

public class AnswerIlTests
{
    private static int s_counter;

    [Fact]
    public void Calls_ResolvesCallCallvirtAndNewobj()
    {
        var code = AnswerIl.Of(Method(nameof(BuildsAString)));

        var callees = code.Calls().Select(c => (code.Instructions[c.Index].OpCode, c.Callee.DeclaringType, c.Callee.Name)).ToList();

        // Append on the new (so non-null) builder is a plain call; ToString is a virtual call of the method it overrides.
        Assert.Equal([(OpCodes.Newobj, typeof(StringBuilder), ".ctor"), (OpCodes.Call, typeof(StringBuilder), "Append"), (OpCodes.Callvirt, typeof(object), "ToString")],
            callees);
    }

    [Fact]
    public void Decode_ReadsOperandsByTheirSize_NotBytesThatLookLikeCalls()
    {
        // ldc.i4 0x0A000128 (its first operand byte is call's opcode, 0x28), then ret: two instructions, no call.
        var code = AnswerIl.Of([0x20, 0x28, 0x01, 0x00, 0x0A, 0x2A]);

        Assert.Equal([OpCodes.Ldc_I4, OpCodes.Ret], code.Instructions.Select(i => i.OpCode));
        Assert.Equal(0x0A000128, code.ConstantAt(0));
        Assert.Equal([0, 5], code.Instructions.Select(i => i.Offset));
        Assert.Empty(code.Calls());
    }

    [Fact]
    public void Decode_MarksTheInstructionAfterAVolatilePrefix_AndStopsAtAByteThatIsNoOpcode()
    {
        var code = AnswerIl.Of([0xFE, 0x13, 0x7B, 0x01, 0x00, 0x00, 0x04, 0x2A, 0xFE, 0xFF]); // volatile. ldfld, ret, then no opcode

        Assert.Equal([OpCodes.Ldfld, OpCodes.Ret], code.Instructions.Select(i => i.OpCode));
        Assert.True(code.Instructions[0].Volatile);
        Assert.False(code.Instructions[1].Volatile);
        Assert.Null(code.FieldAt(0)); // no method: nothing to resolve a token against
    }

    [Fact]
    public void Decode_GivesABranchItsTarget()
    {
        var code = AnswerIl.Of([0x2B, 0x01, 0x00, 0x2A]); // br.s +1 (over the nop), nop, ret

        Assert.Equal(3, code.Instructions[0].Target);
        Assert.Equal(-1, code.Instructions[1].Target);
    }

    [Fact]
    public void FieldAccesses_ResolveLoadsAndStores()
    {
        var code = AnswerIl.Of(Method(nameof(Increments)));

        var accesses = code.FieldAccesses().Select(a => (code.Instructions[a.Index].OpCode, a.Field.Name)).ToList();

        Assert.Equal([(OpCodes.Ldsfld, nameof(s_counter)), (OpCodes.Stsfld, nameof(s_counter))], accesses);
    }

    [Fact]
    public void ArgumentSource_FollowsTheStackThroughALocalAndAConversion_ToTheArrayAndItsLength()
    {
        var code = AnswerIl.Of(Method(nameof(FillsFourBytes)));
        var fill = code.Calls().Single(c => c.Callee.Name == nameof(RandomNumberGenerator.Fill)).Index;

        var converted = code.ArgumentSource(fill, 0);
        Assert.Equal("op_Implicit", code.MethodAt(converted)?.Name);
        var array = code.ArgumentSource(converted, 0);
        Assert.Equal(OpCodes.Newarr, code.Instructions[array].OpCode);
        Assert.Equal(4, code.ConstantAt(code.Source(code.Producer(array, 0))));
    }

    [Fact]
    public void ArgumentSource_OfAnInstanceCall_IsItsReceiver_ThenItsArguments()
    {
        var code = AnswerIl.Of(Method(nameof(BuildsAString)));
        var append = code.Calls().Single(c => c.Callee.Name == nameof(StringBuilder.Append)).Index;

        Assert.Equal(OpCodes.Newobj, code.Instructions[code.ArgumentSource(append, 0)].OpCode);
        Assert.Equal(42, code.ConstantAt(code.ArgumentSource(append, 1)));
        Assert.Equal(-1, code.ArgumentSource(append, 2));
    }

    [Fact]
    public void Producer_StopsAtAJoin_WhereTheValueMayComeFromEitherBranch()
    {
        var code = AnswerIl.Of(Method(nameof(Picks)));
        var concat = code.Calls().Single(c => c.Callee.Name == nameof(string.Concat)).Index;

        Assert.Equal(-1, code.ArgumentSource(concat, 0));
    }

    [Fact]
    public void Of_AMethodWithoutABody_IsEmpty()
    {
        var code = AnswerIl.Of(typeof(IDisposable).GetMethod(nameof(IDisposable.Dispose))!);

        Assert.Null(code.Body);
        Assert.Empty(code.Instructions);
        Assert.Empty(code.Calls());
    }

    [Fact]
    public void Reachable_FollowsLocalFunctionsLambdasAndAsyncStateMachines_AsFarAsAllowed()
    {
        var entry = Method(nameof(CallsThroughALocalFunctionAndALambda));
        var own = entry.Module;

        var reached = AnswerIl.Reachable(entry, m => m.Module == own).ToList();
        var called = reached.SelectMany(m => AnswerIl.Of(m).Calls().Select(c => c.Callee)).ToList();

        Assert.Contains(called, m => m.DeclaringType == typeof(Guid) && m.Name == nameof(Guid.NewGuid));     // in the lambda
        Assert.Contains(called, m => m.DeclaringType == typeof(Environment) && m.Name == "get_TickCount64"); // after an await
        Assert.DoesNotContain(reached, m => m.Module != own); // not into the framework
    }

    private static MethodInfo Method(string name) =>
        typeof(AnswerIlTests).GetMethod(name, BindingFlags.NonPublic | BindingFlags.Static)!;

    private static string BuildsAString() => new StringBuilder().Append(42).ToString();

    private static void Increments() => s_counter++;

    private static void FillsFourBytes()
    {
        var bytes = new byte[4];
        RandomNumberGenerator.Fill(bytes);
    }

    private static string Picks(bool first) => string.Concat(first ? "a" : "b", "c");

    private static Func<Task<string>> CallsThroughALocalFunctionAndALambda()
    {
        return Make();

        static Func<Task<string>> Make() => async () =>
        {
            var id = Guid.NewGuid();
            await Task.Yield();
            return $"{id}-{Environment.TickCount64}";
        };
    }
}
