using System;
using System.Collections.Immutable;
using System.Composition;
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
    public sealed class MaterializedCollectionConsumedOnceFixer : CodeFixProvider
    {
        private const string Title = "Remove unnecessary materialisation";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.MaterializedCollectionConsumedOnce);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (await context.Document.GetRootAndModelAsync(context.CancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
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
                    rewrite = SequenceRewrite.InlineLocal(semanticModel, root, materialization, source, diagnostic.AdditionalLocations[0], form, context.CancellationToken);
                }
                else if (form == ConsumptionForm.ForEach || SequenceRewrite.BindsToSameMethod(semanticModel, materialization, SequenceRewrite.Replacement(source, materialization), context.CancellationToken))
                {
                    rewrite = current => current.ReplaceNode(materialization, SequenceRewrite.Replacement(source, materialization));
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
    }
}
