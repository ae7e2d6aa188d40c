using System.Linq;
using System.Threading;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM004's fix for an object that is used once and dropped (<c>File.OpenRead(path).Length</c>): a <c>using var</c>
    /// local before the statement holds it, and the statement uses the local. Offered only when moving the creation to
    /// its own statement keeps the order of evaluation: it runs unconditionally, once, and nothing with a side effect is
    /// evaluated before it in the statement.
    /// </summary>
    internal static class DisposableTemporaryRewrite
    {
        public static SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax created
                || created is not (ObjectCreationExpressionSyntax or InvocationExpressionSyntax)
                || ((CSharpParseOptions)root.SyntaxTree.Options).LanguageVersion < LanguageVersion.CSharp8
                || created.FirstAncestorOrSelf<StatementSyntax>() is not { Parent: BlockSyntax block } statement
                || block.Statements.Any(s => s is LabeledStatementSyntax)
                || !RunsFirstAndOnce(created, statement)
                || semanticModel.GetTypeInfo(created, cancellationToken).Type is not { } type
                || DisposableNotDisposedFixer.OutlivesTheMethod(type)
                || DisposableNotDisposedFixer.ReturnsPendingWork(statement, semanticModel, cancellationToken)
                || DisposableTypes.TryCreate(semanticModel.Compilation) is not { } types
                || FreshNames.EnclosingMemberBody(statement) is not { } memberBody)
            {
                return null;
            }

            var awaitUsing = DisposableNotDisposedFixer.UsesAwaitUsing(diagnostic, types, type, statement);
            if (!awaitUsing && !types.IsSyncDisposable(type))
            {
                return null;
            }

            var name = FreshNames.Reserve(BaseName(type), FreshNames.TakenNames(semanticModel, memberBody, statement.SpanStart));
            var declaration = SyntaxFactory.ParseStatement((awaitUsing ? "await using var " : "using var ") + name + " = " + created.WithoutTrivia().ToFullString() + ";")
                .WithLeadingTrivia(statement.GetLeadingTrivia())
                .WithTrailingTrivia(SyntaxFactory.EndOfLine(root.EndOfLine()));
            var indentation = StatementWrapping.IndentationOf(statement);
            var rewritten = statement
                .ReplaceNode(created, SyntaxFactory.IdentifierName(name).WithTriviaFrom(created))
                .WithLeadingTrivia(SyntaxFactory.Whitespace(indentation));
            return root.ReplaceNode(statement, new SyntaxNode[] { declaration, rewritten });
        }

        /// <summary>
        /// The creation is evaluated exactly once when the statement runs, and first among everything that has an effect:
        /// not in a lambda, a loop condition, a branch of <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>??</c> or <c>?.</c>.
        /// </summary>
        private static bool RunsFirstAndOnce(ExpressionSyntax created, StatementSyntax statement)
        {
            switch (statement)
            {
                case ExpressionStatementSyntax or ReturnStatementSyntax or ThrowStatementSyntax:
                    break;
                case LocalDeclarationStatementSyntax local when local.UsingKeyword.RawKind == 0 && local.Declaration.Variables.Count == 1:
                    break;
                case IfStatementSyntax ifStatement when ifStatement.Condition.Span.Contains(created.Span):
                    break;
                case SwitchStatementSyntax switchStatement when switchStatement.Expression.Span.Contains(created.Span):
                    break;
                case ForEachStatementSyntax forEach when forEach.Expression.Span.Contains(created.Span):
                    break;
                default:
                    return false;
            }

            SyntaxNode child = created;
            for (var parent = created.Parent; parent is not null && parent != statement; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case AnonymousFunctionExpressionSyntax or QueryExpressionSyntax or SwitchExpressionArmSyntax:
                        return false;
                    case ConditionalExpressionSyntax conditional when conditional.Condition != child:
                        return false;
                    case BinaryExpressionSyntax binary when binary.Right == child
                        && (binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.CoalesceExpression)):
                        return false;
                    case ConditionalAccessExpressionSyntax conditionalAccess when conditionalAccess.WhenNotNull == child:
                        return false;
                }
            }

            foreach (var node in statement.DescendantNodes(node => node.SpanStart < created.SpanStart))
            {
                if (node.Span.End <= created.SpanStart
                    && node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax or AssignmentExpressionSyntax or AwaitExpressionSyntax
                        or PrefixUnaryExpressionSyntax or PostfixUnaryExpressionSyntax or ElementAccessExpressionSyntax
                        or DeclarationExpressionSyntax or SingleVariableDesignationSyntax)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The type's name in camel case, without an interface's leading I: <c>FileStream</c> gives <c>fileStream</c>.</summary>
        private static string BaseName(ITypeSymbol type)
        {
            var name = type.Name;
            if (name.Length > 2 && name[0] == 'I' && char.IsUpper(name[1]) && type.TypeKind == TypeKind.Interface)
            {
                name = name.Substring(1);
            }

            return name.Length == 0 ? "resource" : char.ToLowerInvariant(name[0]) + name.Substring(1);
        }
    }
}
