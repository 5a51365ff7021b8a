using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>
/// Compiles and runs a throwaway script session on a background thread, so the notebook's own cells find the compiler
/// ready. A fresh process spends most of its first seconds compiling the compiler (the JIT turns the generic code
/// Roslyn instantiates into machine code); on a second core, this does that work while the setup cell compiles.
/// Measured on 2 cores: <c>course check</c> of an exercise 0.3–0.9 s sooner. Only for batch runs: an interactive
/// kernel leaves it off, where it would slow the first completion a user waits for.
/// </summary>
internal static class CompilerWarmUp
{
    // Shapes the cells of the course use: a local function, lambdas, LINQ, an expression tree, collection
    // expressions, async, and continuations of a session (each cell continues the one before).
    private static readonly string[] s_cells =
    [
        "using System.Linq.Expressions;",
        """
        int Sum(int x) => new[] { x, 2 }.Where(v => v > 0).Select(v => v * 2).Sum();
        Expression<Func<string, int>> length = s => s.Length;
        var table = new Dictionary<string, List<int>> { ["a"] = [1, 2] };
        var total = await Task.FromResult(Sum(table["a"].Count));
        """,
        """record Point(int X, int Y); void Show(Action<Point> show) => show(new Point(total, length.Compile()("ab")));""",
    ];

    // An endpoint the way the notebooks write them, compiled against ASP.NET Core (not run: nothing is served).
    private const string WebCell = """
        #r "Microsoft.AspNetCore"
        #r "Microsoft.AspNetCore.Http.Results"
        #r "Microsoft.AspNetCore.Routing"
        #r "Microsoft.AspNetCore.Http.Abstractions"
        #r "Microsoft.AspNetCore.Http.Extensions"
        #r "Microsoft.AspNetCore.Mvc.Core"
        using System.Threading;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        void MapItems(WebApplication app)
        {
            app.MapGet("/items", async ([FromQuery] int? limit, HttpRequest request, CancellationToken token) =>
            {
                var size = Math.Min(limit ?? 20, 100);
                if (size < 1)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = ["limit must be 1 or more."] });
                }
                await Task.Delay(1, token);
                var items = Enumerable.Range(0, size).Select(i => new { id = i, path = request.Path.Value }).ToList();
                var next = items.Count > 100 ? "more" : null;
                return Results.Ok(new { items, next });
            });
        }
        """;

    /// <summary>Starts the warm-up; it ends on its own, and its failure (which changes nothing for the cells) is ignored.</summary>
    public static void Start() =>
        new Thread(Run) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = "course-compiler-warm-up" }.Start();

    private static void Run()
    {
        try
        {
            var options = ScriptOptions.Default
                .WithLanguageVersion(CellCompiler.Language)
                .AddReferences(typeof(Enumerable).Assembly, typeof(System.Linq.Expressions.Expression).Assembly)
                .WithImports(CellCompiler.DefaultImports)
                .WithOptimizationLevel(OptimizationLevel.Release)
                .WithEmitDebugInformation(true);
            ScriptState<object>? state = null;
            foreach (var cell in s_cells)
            {
                state = state is null
                    ? CSharpScript.RunAsync(cell, options).GetAwaiter().GetResult()
                    : state.ContinueWithAsync(cell, options).GetAwaiter().GetResult();
            }
            CSharpScript.Create(WebCell, options.WithMetadataResolver(new CellReferenceResolver(AppContext.BaseDirectory))).Compile();
        }
        catch (Exception)
        {
            // Whatever happened, nothing depends on it (and on a background thread it must not end the process):
            // the cells compile as they would have, only not sooner.
        }
    }
}
