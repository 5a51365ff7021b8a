using Course.Notebooks.Execution;

namespace Course.Notebooks.Tests.Execution;

public class GuardRewriterTests
{
    private static string Rewrite(string code) => GuardRewriter.Rewrite(code, CellCompiler.ParseOptions);

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("while (true) x++;")]
    [InlineData("do { } while (true);")]
    [InlineData("for (;;) ;")]
    [InlineData("foreach (var i in new[] { 1 }) {}")]
    [InlineData("foreach (var (a, b) in new[] { (1, 2) }) {}")]
    [InlineData("L: goto L;")]
    public void Rewrite_Loop_StartsItsBodyWithALoopCheck(string code)
    {
        Assert.Contains("CellGuard.Loop();", Rewrite(code), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("void F() { }")]
    [InlineData("int F() => 1;")]
    [InlineData("void F() => Console.WriteLine();")]
    [InlineData("async Task F() => await Task.Yield();")]
    [InlineData("async Task<int> F() => await Task.FromResult(1);")]
    [InlineData("int F() => throw new Exception();")]
    [InlineData("class C { public C() { } }")]
    [InlineData("class C { int P { get { return 1; } } }")]
    [InlineData("Action a = () => { };")]
    [InlineData("Func<int, int> f = delegate (int x) { return x; };")]
    [InlineData("class C { int P => P + 1; }")]
    [InlineData("class C { int this[int i] => i; }")]
    [InlineData("class C { int _x; int X { get => _x; set => _x = value; } }")]
    [InlineData("class C { public static C operator +(C a, C b) => a; }")]
    [InlineData("class C { public static implicit operator int(C c) => 1; }")]
    [InlineData("class C { public C() => Console.WriteLine(); }")]
    [InlineData("class C { ~C() => Console.WriteLine(); }")]
    [InlineData("void F()\n{\n#pragma warning disable CS0168\n    int unused;\n}")]
    [InlineData("void F()\n{\n#if DEBUG\n#endif\n}")]
    public void Rewrite_MethodOrBlockLambda_StartsWithAnEnterCheck(string code)
    {
        var rewritten = Rewrite(code);

        Assert.Contains("CellGuard.Enter();", rewritten, StringComparison.Ordinal);
        Assert.Empty(Compile(rewritten));
    }

    [Fact]
    public void Rewrite_ExpressionLambda_IsLeftAloneSoExpressionTreesStillCompile()
    {
        const string code = "System.Linq.Expressions.Expression<Func<int, bool>> e = x => x > 1;";

        Assert.Equal(code, Rewrite(code));
    }

    [Fact]
    public void Rewrite_KeepsEveryLineWhereItWas()
    {
        const string code = """
            int Twice(int x) =>
                x * 2;
            while (Twice(1) < 0)
                Console.WriteLine(
                    "never");
            var marker = 42;
            """;

        var original = code.Split('\n');
        var rewritten = Rewrite(code).Split('\n');

        Assert.Equal(original.Length, rewritten.Length);
        Assert.Contains("var marker = 42;", rewritten[5], StringComparison.Ordinal);
        Assert.Contains("\"never\"", rewritten[4], StringComparison.Ordinal);
        Assert.Empty(Compile(Rewrite(code)));
    }

    [Fact]
    public void Rewrite_AsyncMethodWithACustomTaskType_KeepsItsExpressionBody()
    {
        const string code = "async MyTask F() => await Task.Yield();";

        Assert.Equal(code, Rewrite(code));
    }

    [Fact]
    public void Rewrite_CellWithSyntaxErrors_IsReturnedUnchanged()
    {
        const string code = "while (true) {";

        Assert.Equal(code, Rewrite(code));
    }

    // Compiles a rewritten cell as a script that can see the guard, returning its errors.
    private static string[] Compile(string code)
    {
        var script = Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.Create(
            code,
            Microsoft.CodeAnalysis.Scripting.ScriptOptions.Default
                .WithImports(CellCompiler.DefaultImports)
                .AddReferences(typeof(Enumerable).Assembly, typeof(Course.Notebooks.Runtime.CellGuard).Assembly));
        return script.Compile()
            .Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error)
            .Select(d => d.ToString())
            .ToArray();
    }
}
