using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>Edits shared by the fixes that stream a sequence instead of holding it (MEM006, MEM007).</summary>
    internal static class SequenceRewrite
    {
        /// <summary>The source in the place of the copy, in parentheses when it now receives a member access.</summary>
        public static ExpressionSyntax Replacement(ExpressionSyntax source, ExpressionSyntax replaced)
        {
            var needsParentheses = replaced.Parent is MemberAccessExpressionSyntax or ConditionalAccessExpressionSyntax or ElementAccessExpressionSyntax
                && source is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
                    or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax or ThisExpressionSyntax or BaseObjectCreationExpressionSyntax
                    or LiteralExpressionSyntax or ArrayCreationExpressionSyntax);
            var expression = needsParentheses ? SyntaxFactory.ParenthesizedExpression(source.WithoutTrivia()) : source.WithoutTrivia();
            return expression.WithTriviaFrom(replaced);
        }

        /// <summary>
        /// After the change, the call that consumes the sequence must still be the same method (or an overload of it):
        /// <c>list.ToArray().Reverse()</c> without the copy would call <c>List&lt;T&gt;.Reverse()</c>, which sorts in place.
        /// </summary>
        public static bool BindsToSameMethod(SemanticModel semanticModel, ExpressionSyntax replaced, ExpressionSyntax replacement, CancellationToken cancellationToken)
        {
            var call = replaced.Ancestors().FirstOrDefault(node => node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) as ExpressionSyntax;
            if (call is null || semanticModel.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol before)
            {
                return false;
            }

            var changed = call.ReplaceNode(replaced, replacement);
            var after = semanticModel.GetSpeculativeSymbolInfo(call.SpanStart, changed, SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
            return after is not null
                && after.Name == before.Name
                && SymbolEqualityComparer.Default.Equals(after.ContainingType?.OriginalDefinition, before.ContainingType?.OriginalDefinition)
                && (before.ContainingType?.Name != "Enumerable" || SymbolEqualityComparer.Default.Equals(after.OriginalDefinition, before.OriginalDefinition));
        }

        /// <summary>
        /// <c>var list = seq.ToList(); foreach (var x in list)</c> → <c>foreach (var x in seq)</c>: the declaration goes, its
        /// one reference (in that statement or a few statements later) becomes <paramref name="source"/>. Null for a copy
        /// assigned to a local declared elsewhere (<c>files = files.Where(...).ToArray();</c>): the local's type would have to
        /// change, and so would the other values it is given.
        /// </summary>
        public static Func<SyntaxNode, SyntaxNode>? InlineLocal(
            SemanticModel semanticModel, SyntaxNode root, ExpressionSyntax materialization, ExpressionSyntax source, Location use, ConsumptionForm form, CancellationToken cancellationToken)
        {
            if (root.FindNode(use.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax reference
                || materialization.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Parent: LocalDeclarationStatementSyntax declaration } } }
                || StatementAnchor.For(declaration) is not { } anchor)
            {
                return null;
            }

            var replacement = Replacement(source, reference);
            if (form != ConsumptionForm.ForEach && !BindsToSameMethod(semanticModel, reference, replacement, cancellationToken))
            {
                return null;
            }

            // The statement right after the declaration: the one that reads the local, or the first of those in between.
            var next = anchor.Node.Parent!.ChildNodes().SkipWhile(node => node != anchor.Node).Skip(1).FirstOrDefault();
            if (next is null || next.SpanStart > reference.SpanStart)
            {
                return null;
            }

            return current =>
            {
                var tracked = current.TrackNodes(anchor.Node, next, reference);
                tracked = tracked.ReplaceNode(tracked.GetCurrentNode(reference)!, replacement);
                var following = tracked.GetCurrentNode(next)!;
                // Comments above the removed declaration stay, on the statement that now follows them.
                tracked = tracked.ReplaceNode(following, following.WithLeadingTrivia(MergedLeadingTrivia(anchor.Node.GetLeadingTrivia(), following.GetLeadingTrivia())));
                return tracked.RemoveNode(tracked.GetCurrentNode(anchor.Node)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            };
        }

        /// <summary>
        /// The leading trivia for the statement that follows a removed one: the removed statement's comments and blank
        /// lines, then the statement's own comments, at the statement's own indentation.
        /// </summary>
        public static SyntaxTriviaList MergedLeadingTrivia(SyntaxTriviaList removed, SyntaxTriviaList next)
        {
            var kept = removed.Count > 0 && removed.Last().IsKind(SyntaxKind.WhitespaceTrivia) ? removed.RemoveAt(removed.Count - 1) : removed;
            return kept.AddRange(next.SkipWhile(t => t.IsKind(SyntaxKind.EndOfLineTrivia)));
        }
    }
}
