using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Course.Notebooks.Execution;

/// <summary>
/// Rewrites a cell so that it can be stopped: a call to <c>CellGuard.Loop()</c> starts every loop
/// body and precedes every <c>goto</c>, and <c>CellGuard.Enter()</c> starts every method, local
/// function, constructor, destructor, operator, property or indexer accessor and block-bodied
/// lambda (expression bodies become blocks). No line break is added or removed, so compiler
/// diagnostics and stack traces keep the cell's own line numbers. Expression-bodied lambdas are
/// left alone: they may become expression trees (LINQ providers), which cannot hold statements.
/// The engine compiles the cell as written whenever the rewritten cell does not compile.
/// </summary>
internal sealed class GuardRewriter : CSharpSyntaxRewriter
{
    private const string GuardType = "global::Course.Notebooks.Runtime.CellGuard";
    private static readonly StatementSyntax LoopCall = ParseStatement(GuardType + ".Loop();");
    private static readonly StatementSyntax EnterCall = ParseStatement(GuardType + ".Enter();");

    /// <summary>Returns the rewritten cell, or the cell unchanged when it has syntax errors or rewriting would move a line.</summary>
    public static string Rewrite(string code, CSharpParseOptions options)
    {
        var tree = CSharpSyntaxTree.ParseText(code, options);
        if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return code;
        }
        var rewritten = new GuardRewriter().Visit(tree.GetRoot()).ToFullString();
        return CountLines(rewritten) == CountLines(code) ? rewritten : code;
    }

    private static int CountLines(string text) => text.Count(c => c == '\n');

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, LoopCall));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, LoopCall));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, LoopCall));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, LoopCall));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, LoopCall));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var visited = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        return Prepend(visited, LoopCall);
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return GuardMember(visited, ReturnOf(visited.ReturnType, visited.Modifiers));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return Guard(visited.Body, visited.ExpressionBody, visited.SemicolonToken, ReturnOf(visited.ReturnType, visited.Modifiers)) is { } body
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body)
            : visited;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        GuardMember((ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!, Returns.Nothing);

    public override SyntaxNode? VisitDestructorDeclaration(DestructorDeclarationSyntax node) =>
        GuardMember((DestructorDeclarationSyntax)base.VisitDestructorDeclaration(node)!, Returns.Nothing);

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
        GuardMember((OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!, Returns.Value);

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
        GuardMember((ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!, Returns.Value);

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        var returns = visited.IsKind(SyntaxKind.GetAccessorDeclaration) ? Returns.Value : Returns.Nothing;
        return Guard(visited.Body, visited.ExpressionBody, visited.SemicolonToken, returns) is { } body
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body)
            : visited;
    }

    // `int P => x;` becomes `int P {get{Enter();return x;}}` (and the same for indexers).
    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(GetterOnly(arrow, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } arrow
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(GetterOnly(arrow, visited.SemicolonToken))
            : visited;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(PrependToBlock(block, EnterCall)) : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.Block is { } block ? visited.WithBlock(PrependToBlock(block, EnterCall)) : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(PrependToBlock(visited.Block, EnterCall));
    }

    private enum Returns
    {
        Nothing,
        Value,
        Unknown,
    }

    private static T GuardMember<T>(T member, Returns returns) where T : BaseMethodDeclarationSyntax =>
        Guard(member.Body, member.ExpressionBody, member.SemicolonToken, returns) is { } body
            ? (T)member.WithExpressionBody(null).WithSemicolonToken(default).WithBody(body)
            : member;

    // A member's body with Enter() first; an expression body becomes a block. Null when there is no
    // body (abstract, extern) or when an expression body's kind of return cannot be told from syntax.
    private static BlockSyntax? Guard(BlockSyntax? body, ArrowExpressionClauseSyntax? arrow, SyntaxToken semicolon, Returns returns) =>
        body is not null ? PrependToBlock(body, EnterCall)
        : arrow is not null && returns != Returns.Unknown ? ArrowToBlock(arrow, semicolon, returns == Returns.Value)
        : null;

    // The directives and line break after `{` move behind the inserted call, so `#pragma` or `#if`
    // at the top of a body still starts its own line.
    private static BlockSyntax PrependToBlock(BlockSyntax block, StatementSyntax call) =>
        block.WithOpenBraceToken(block.OpenBraceToken.WithTrailingTrivia())
            .WithStatements(block.Statements.Insert(0, call.WithTrailingTrivia(block.OpenBraceToken.TrailingTrivia)));

    private static AccessorListSyntax GetterOnly(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon)
    {
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, ArrowToBlock(arrow.WithArrowToken(Token(SyntaxKind.EqualsGreaterThanToken)), default, returnsValue: true));
        return AccessorList(
            Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia).WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia),
            List([getter]),
            Token(SyntaxKind.CloseBraceToken).WithLeadingTrivia(semicolon.LeadingTrivia).WithTrailingTrivia(semicolon.TrailingTrivia));
    }

    // `while (x) y++;` becomes `while (x) {Loop();y++;}`: the statement keeps its trivia, so lines stay put.
    private static StatementSyntax Prepend(StatementSyntax statement, StatementSyntax call)
    {
        if (statement is BlockSyntax block)
        {
            return PrependToBlock(block, call);
        }
        var leading = statement.GetLeadingTrivia();
        var trailing = statement.GetTrailingTrivia();
        return Block(call, statement.WithoutLeadingTrivia().WithoutTrailingTrivia())
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(trailing);
    }

    // `int F() => x;` becomes `int F() {Enter();return x;}` with the arrow's and semicolon's trivia kept.
    private static BlockSyntax ArrowToBlock(ArrowExpressionClauseSyntax arrow, SyntaxToken semicolon, bool returnsValue)
    {
        var expression = arrow.Expression;
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax @throw => ThrowStatement(
                Token(SyntaxKind.ThrowKeyword).WithTrailingTrivia(Space),
                @throw.Expression,
                Token(SyntaxKind.SemicolonToken)),
            _ when returnsValue => ReturnStatement(
                Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(Space),
                expression,
                Token(SyntaxKind.SemicolonToken)),
            _ => ExpressionStatement(expression, Token(SyntaxKind.SemicolonToken)),
        };
        var open = Token(SyntaxKind.OpenBraceToken)
            .WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia)
            .WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia);
        var close = Token(SyntaxKind.CloseBraceToken)
            .WithLeadingTrivia(semicolon.LeadingTrivia)
            .WithTrailingTrivia(semicolon.TrailingTrivia);
        return Block(open, List([EnterCall, statement]), close);
    }

    private static Returns ReturnOf(TypeSyntax returnType, SyntaxTokenList modifiers)
    {
        if (returnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword })
        {
            return Returns.Nothing;
        }
        if (!modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return Returns.Value;
        }
        var name = returnType switch
        {
            QualifiedNameSyntax qualified => qualified.Right,
            AliasQualifiedNameSyntax alias => alias.Name,
            _ => returnType,
        };
        return name switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } => Returns.Nothing,
            GenericNameSyntax { Identifier.ValueText: "Task" or "ValueTask", TypeArgumentList.Arguments.Count: 1 } => Returns.Value,
            _ => Returns.Unknown, // a custom task type: leave its expression body alone
        };
    }
}
