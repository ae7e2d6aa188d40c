using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM006 fix "Remove unnecessary materialisation": the copy is replaced by its source; a local that only held the
    /// copy is removed; <c>seq.ToList().ForEach(x =&gt; ...)</c> becomes a <c>foreach</c> statement.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaterializedCollectionConsumedOnceFixer))]
    [Shared]
    public sealed class MaterializedCollectionConsumedOnceFixer : CodeFixProvider
    {
        private const string Title = "Remove unnecessary materialisation";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.MaterializedCollectionConsumedOnce);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var semanticModel = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || semanticModel is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!Enum.TryParse<ConsumptionForm>(diagnostic.Properties.GetValueOrDefault(SingleEnumeration.FormPropertyName), out var form)
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax materialization
                    || SourceOf(materialization) is not { } source)
                {
                    continue;
                }

                Func<SyntaxNode, SyntaxNode>? rewrite = null;
                if (form == ConsumptionForm.ListForEach)
                {
                    rewrite = ForEachRewrite.TryCreate(semanticModel, materialization, source, context.CancellationToken);
                }
                else if (diagnostic.AdditionalLocations.Count == 1)
                {
                    rewrite = LocalRewrite(semanticModel, root, materialization, source, diagnostic.AdditionalLocations[0], form, context.CancellationToken);
                }
                else if (form == ConsumptionForm.ForEach || BindsToSameMethod(semanticModel, materialization, Replacement(source, materialization), context.CancellationToken))
                {
                    rewrite = current => current.ReplaceNode(materialization, Replacement(source, materialization));
                }

                if (rewrite is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(document.WithSyntaxRoot(rewrite(root))), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        /// <summary>The copied sequence: the receiver of <c>x.ToList()</c>, the argument of <c>Enumerable.ToList(x)</c> or <c>new List&lt;T&gt;(x)</c>.</summary>
        private static ExpressionSyntax? SourceOf(ExpressionSyntax materialization) => materialization switch
        {
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: "ToList" or "ToArray" }, ArgumentList.Arguments.Count: 0 }
                => receiver,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax, ArgumentList.Arguments.Count: 1 } call
                when call.ArgumentList.Arguments[0] is { NameColon: null, RefKindKeyword.RawKind: 0 } argument
                => argument.Expression,
            BaseObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 1, Initializer: null } creation
                when creation.ArgumentList.Arguments[0] is { NameColon: null } argument
                => argument.Expression,
            _ => null,
        };

        /// <summary>The source in the place of the copy, in parentheses when it now receives a member access.</summary>
        private static ExpressionSyntax Replacement(ExpressionSyntax source, ExpressionSyntax replaced)
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
        private static bool BindsToSameMethod(SemanticModel semanticModel, ExpressionSyntax replaced, ExpressionSyntax replacement, CancellationToken cancellationToken)
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
                && (before.ContainingType?.Name != nameof(Enumerable) || SymbolEqualityComparer.Default.Equals(after.OriginalDefinition, before.OriginalDefinition));
        }

        /// <summary><c>var list = seq.ToList(); foreach (var x in list)</c> → <c>foreach (var x in seq)</c>.</summary>
        private static Func<SyntaxNode, SyntaxNode>? LocalRewrite(
            SemanticModel semanticModel, SyntaxNode root, ExpressionSyntax materialization, ExpressionSyntax source, Location use, ConsumptionForm form, CancellationToken cancellationToken)
        {
            if (root.FindNode(use.SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax reference
                || materialization.Ancestors().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault() is not { } declaration
                || StatementAnchor.For(declaration) is not { } anchor)
            {
                return null;
            }

            var replacement = Replacement(source, reference);
            if (form != ConsumptionForm.ForEach && !BindsToSameMethod(semanticModel, reference, replacement, cancellationToken))
            {
                return null;
            }

            var statement = reference.Ancestors().First(node => node.Parent == anchor.Node.Parent);
            return current =>
            {
                var tracked = current.TrackNodes(anchor.Node, statement, reference);
                tracked = tracked.ReplaceNode(tracked.GetCurrentNode(reference)!, replacement);
                var next = tracked.GetCurrentNode(statement)!;
                // Comments above the removed declaration stay, on the statement that now reads the source.
                tracked = tracked.ReplaceNode(next, next.WithLeadingTrivia(anchor.Node.GetLeadingTrivia()));
                return tracked.RemoveNode(tracked.GetCurrentNode(anchor.Node)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            };
        }
    }
}
