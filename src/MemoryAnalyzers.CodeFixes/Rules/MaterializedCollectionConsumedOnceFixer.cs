using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM006 fix "Remove unnecessary materialisation": the copy is replaced by its source; a local that only held the
    /// copy is removed; <c>seq.ToList().ForEach(x =&gt; ...)</c> becomes a <c>foreach</c> statement.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MaterializedCollectionConsumedOnceFixer))]
    [Shared]
    public sealed class MaterializedCollectionConsumedOnceFixer : RootRewriteCodeFixProvider
    {
        private const string Title = "Remove unnecessary materialisation";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.MaterializedCollectionConsumedOnce);

        private protected override string FixAllTitle => Title;

        /// <summary>Each rewrite replaces one copy (and at most the local that held it): the batch fixer merges them.</summary>
        private protected override bool FixAllInOneBatch => true;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = Title;
            if (DiagnosticProperties.Enum<ConsumptionForm>(diagnostic, SingleEnumeration.FormPropertyName) is not { } form
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax materialization
                || SourceOf(materialization) is not { } source)
            {
                return null;
            }

            Func<SyntaxNode, SyntaxNode>? rewrite = null;
            if (form == ConsumptionForm.ListForEach)
            {
                rewrite = ForEachRewrite.TryCreate(semanticModel, materialization, source, cancellationToken);
            }
            else if (diagnostic.AdditionalLocations.Count == 1)
            {
                rewrite = SequenceRewrite.InlineLocal(semanticModel, root, materialization, source, diagnostic.AdditionalLocations[0], form, cancellationToken);
            }
            else if (form == ConsumptionForm.ForEach || SequenceRewrite.BindsToSameMethod(semanticModel, materialization, SequenceRewrite.Replacement(source, materialization), cancellationToken))
            {
                rewrite = current => current.ReplaceNode(materialization, SequenceRewrite.Replacement(source, materialization));
            }

            return rewrite?.Invoke(root);
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
    }
}
