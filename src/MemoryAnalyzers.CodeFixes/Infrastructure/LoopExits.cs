using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// The ways out of a loop other than its end: <c>return</c>, <c>throw</c> and <c>yield break</c> statements in its
    /// body (a <c>break</c> of the loop lands where the loop ends, a <c>continue</c> stays in it), and exceptions.
    /// A fix that keeps a value in a builder while the loop runs writes it back after the loop and before each of these
    /// statements; exceptions it cannot follow, so it asks whether anyone could look after one.
    /// </summary>
    internal static class LoopExits
    {
        /// <summary>
        /// The <c>return</c>, <c>throw</c> and <c>yield break</c> statements of the loop, outside lambdas and local functions;
        /// false when control can leave the loop another way (a <c>goto</c> to a label outside it) or an exit carries a label,
        /// so that a statement put in front of it could be jumped over.
        /// </summary>
        public static bool TryFind(StatementSyntax loop, out List<StatementSyntax> exits)
        {
            exits = new List<StatementSyntax>();
            foreach (var node in loop.DescendantNodes(descendIntoChildren: node => !IsFunction(node)))
            {
                switch (node)
                {
                    case ReturnStatementSyntax or ThrowStatementSyntax:
                    case YieldStatementSyntax when node.IsKind(SyntaxKind.YieldBreakStatement):
                        if (node.Parent is LabeledStatementSyntax)
                        {
                            return false;
                        }

                        exits.Add((StatementSyntax)node);
                        break;

                    case GotoStatementSyntax { Expression: IdentifierNameSyntax label } when node.IsKind(SyntaxKind.GotoStatement):
                        if (!loop.DescendantNodes().OfType<LabeledStatementSyntax>().Any(labeled => labeled.Identifier.ValueText == label.Identifier.ValueText))
                        {
                            return false;
                        }

                        break;
                }
            }

            return true;
        }

        /// <summary>The exit statement that contains <paramref name="node"/>, if any, looking no further out than the loop or a lambda.</summary>
        public static StatementSyntax? Enclosing(SyntaxNode node, StatementSyntax loop)
        {
            for (var current = node.Parent; current is not null && current != loop && !IsFunction(current); current = current.Parent)
            {
                if (current is ReturnStatementSyntax or ThrowStatementSyntax)
                {
                    return (StatementSyntax)current;
                }
            }

            return null;
        }

        /// <summary>
        /// True when the variable could be looked at after an exception thrown in the loop: the loop sits in a <c>try</c>
        /// block and the variable is used in its <c>finally</c> clause or, when it has <c>catch</c> clauses, in them or
        /// anywhere after them. With <paramref name="callerSeesVariable"/> (an <c>out</c> parameter) a <c>catch</c> alone
        /// is enough: the method may then return normally and the caller read the variable.
        /// </summary>
        public static bool IsObservedAfterException(StatementSyntax loop, IReadOnlyCollection<SyntaxNode> uses, bool callerSeesVariable)
        {
            for (var current = loop.Parent; current is not null && !IsFunction(current) && current is not MemberDeclarationSyntax; current = current.Parent)
            {
                if (current is not TryStatementSyntax tryStatement || !tryStatement.Block.Span.Contains(loop.Span))
                {
                    continue;
                }

                if (tryStatement.Catches.Count == 0)
                {
                    if (tryStatement.Finally is { } cleanup && uses.Any(use => cleanup.Span.Contains(use.Span)))
                    {
                        return true;
                    }
                }
                else if (callerSeesVariable || uses.Any(use => use.SpanStart >= tryStatement.Block.Span.End))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="node"/> lies in a <c>finally</c> clause inside <paramref name="loop"/>: it may run after an exit.</summary>
        public static bool IsInFinally(SyntaxNode node, StatementSyntax loop)
        {
            for (var current = node.Parent; current is not null && current != loop; current = current.Parent)
            {
                if (current is FinallyClauseSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;
    }
}
