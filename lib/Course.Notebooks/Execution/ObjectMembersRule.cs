using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Course.Notebooks.Execution;

/// <summary>
/// The Polyglot C# kernel runs cells without a globals object, so <see cref="object"/>'s members
/// (<c>ReferenceEquals</c>, <c>Equals</c>, <c>GetType</c>, <c>ToString</c>, …) are not in scope unqualified in a
/// cell's top-level code: there they are CS0103. The engine has a globals object (for <c>display</c>), so it
/// reports the same error itself, to be exactly as strict. Inside a type declared in a cell they are in scope as usual.
/// </summary>
internal static class ObjectMembersRule
{
    // The compiler's own id on purpose: the cell gets the error Polyglot's compiler gives it (this is no analyzer).
#pragma warning disable RS1029, RS2008
    private static readonly DiagnosticDescriptor s_notInScope = new(
        "CS0103", "Name not in scope",
        "The name '{0}' does not exist in the current context (the Polyglot kernel has no globals object: write object.{0}(...))",
        "Compiler", DiagnosticSeverity.Error, isEnabledByDefault: true);
#pragma warning restore RS1029, RS2008

    // Only these names can bind to object's members; other identifiers need no semantic look-up.
    private static readonly HashSet<string> s_objectMembers =
        [.. typeof(object).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic |
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static).Select(m => m.Name)];

    /// <summary>The unqualified uses of object's members in the submission's top-level code.</summary>
    public static IEnumerable<Diagnostic> Find(Compilation compilation)
    {
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (!s_objectMembers.Contains(name.Identifier.ValueText)
                || name.Parent is MemberAccessExpressionSyntax access && access.Name == name
                || name.Parent is MemberBindingExpressionSyntax
                || name.Ancestors().Any(a => a is TypeDeclarationSyntax))
            {
                continue;
            }
            if (model.GetSymbolInfo(name).Symbol is IMethodSymbol { ContainingType.SpecialType: SpecialType.System_Object } method)
            {
                yield return Diagnostic.Create(s_notInScope, name.GetLocation(), method.Name);
            }
        }
    }
}
