using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Course.Notebooks.Execution;

/// <summary>Whether a cell's code is a finished submission (Jupyter's <c>is_complete_request</c>).</summary>
public enum CompletenessStatus
{
    /// <summary>The code can run as it is.</summary>
    Complete,

    /// <summary>The code is not finished yet (an open brace, a dangling operator): a console would wait for more lines.</summary>
    Incomplete,

    /// <summary>The code is finished but cannot compile (a syntax error in the middle).</summary>
    Invalid,
}

/// <summary>Decides, from the syntax alone (no session needed), whether code is a finished C# 14 script submission.</summary>
public static class CellCompleteness
{
    /// <summary>The status of <paramref name="code"/> and, when incomplete, the indent for the next line (four spaces per open brace).</summary>
    public static (CompletenessStatus Status, string Indent) Check(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var tree = SyntaxFactory.ParseSyntaxTree(code, CellCompiler.ParseOptions);
        if (!SyntaxFactory.IsCompleteSubmission(tree))
        {
            var depth = tree.GetRoot().DescendantTokens().Sum(t => t.Kind() switch
            {
                SyntaxKind.OpenBraceToken when !t.IsMissing => 1,
                SyntaxKind.CloseBraceToken when !t.IsMissing => -1,
                _ => 0,
            });
            return (CompletenessStatus.Incomplete, new string(' ', 4 * Math.Max(depth, 0)));
        }
        return tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error)
            ? (CompletenessStatus.Invalid, "")
            : (CompletenessStatus.Complete, "");
    }
}
