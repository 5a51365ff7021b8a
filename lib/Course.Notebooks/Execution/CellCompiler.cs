using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Course.Notebooks.Execution;

/// <summary>
/// Compiles cells as one Roslyn script session with the same settings as the Polyglot Notebooks C#
/// kernel: C# 14, the default script references, the kernel's default imports, and nothing else
/// unless a directive names it.
/// </summary>
internal static partial class CellCompiler
{
    /// <summary>The language version the Polyglot kernel compiled with.</summary>
    public const LanguageVersion Language = LanguageVersion.CSharp14;

    /// <summary>The namespaces the Polyglot C# kernel imports into every cell.</summary>
    public static readonly string[] DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    public static readonly CSharpParseOptions ParseOptions = new(Language, kind: SourceCodeKind.Script);

    public static ScriptOptions CreateOptions(MetadataReferenceResolver resolver) =>
        ScriptOptions.Default
            .WithLanguageVersion(Language)
            .WithImports(DefaultImports)
            // The guard calls the rewriter inserts; the only engine assembly a cell can see.
            .AddReferences(typeof(Runtime.CellGuard).Assembly)
            .WithMetadataResolver(resolver)
            .WithSourceResolver(SourceFileResolver.Default)
            .WithOptimizationLevel(OptimizationLevel.Release)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);

    /// <summary>The file name a cell compiles under; it appears in stack traces and maps back to the cell.</summary>
    public static string CellFileName(int cellNumber) => $"cell-{cellNumber}.csx";

    /// <summary>
    /// True when the cell ends with an expression that has a value and no semicolon, which the
    /// notebook displays (as in Polyglot: <c>x</c> shows x, <c>x;</c> and <c>Console.WriteLine(x)</c> do not).
    /// </summary>
    public static bool HasResultValue(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Last();
        if (tree.GetRoot() is not CompilationUnitSyntax root ||
            root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement } ||
            !statement.SemicolonToken.IsMissing)
        {
            return false;
        }
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    /// <summary>Finds "cell-3.csx:line 7" in a stack trace: the first cell frame.</summary>
    public static (int Cell, int Line)? FirstCellFrame(string? stackTrace)
    {
        var match = stackTrace is null ? Match.Empty : CellFrame().Match(stackTrace);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
               int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>
    /// "at Submission#1.Explode() in cell-20.csx:line 3" → "at Explode() in cell 20, line 3", and the
    /// cell's own statements ("Submission#2.&lt;&lt;Initialize&gt;&gt;d__0.MoveNext()") → "at the cell's code".
    /// </summary>
    public static string ReadableFrame(string frame) =>
        CellFrame().Replace(SubmissionPrefix().Replace(TopLevelFrame().Replace(frame, "the cell's code"), ""), "cell $1, line $2");

    [GeneratedRegex(@"cell-(\d+)\.csx:line (\d+)")]
    private static partial Regex CellFrame();

    [GeneratedRegex(@"Submission#\d+\.<<Initialize>>[^ ]*")]
    private static partial Regex TopLevelFrame();

    [GeneratedRegex(@"Submission#\d+\.")]
    private static partial Regex SubmissionPrefix();
}
