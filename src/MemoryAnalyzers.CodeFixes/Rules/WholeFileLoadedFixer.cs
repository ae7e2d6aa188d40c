using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM007 fix "Stream the lines with File.ReadLines": <c>File.ReadAllLines(...)</c> → <c>File.ReadLines(...)</c> (same
    /// arguments, so an encoding stays), and <c>foreach (var l in await File.ReadAllLinesAsync(...))</c> →
    /// <c>await foreach (var l in File.ReadLinesAsync(...))</c> where the target framework has it (.NET 7 and later).
    /// <c>ReadAllText(...).Split(...)</c> has no fix: the split keeps '\r' and a last empty line that ReadLines drops.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WholeFileLoadedFixer))]
    [Shared]
    public sealed class WholeFileLoadedFixer : CodeFixProvider
    {
        private const string Title = "Stream the lines with File.ReadLines";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.WholeFileLoaded);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            if (await context.Document.GetRootAndModelAsync(context.CancellationToken).ConfigureAwait(false) is not ({ } root, { } semanticModel))
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var properties = diagnostic.Properties;
                if (!Enum.TryParse<ConsumptionForm>(properties.GetValueOrDefault(SingleEnumeration.FormPropertyName), out var form)
                    || !Enum.TryParse<WholeFileForm>(properties.GetValueOrDefault(WholeFileLoadedAnalyzer.KindPropertyName), out var kind)
                    || kind == WholeFileForm.SplitText
                    || properties.GetValueOrDefault(WholeFileLoadedAnalyzer.StreamingAvailablePropertyName) != "true"
                    || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } read)
                {
                    continue;
                }

                var streaming = read.WithExpression(access.WithName(SyntaxFactory.IdentifierName(kind == WholeFileForm.ReadAllLines ? "ReadLines" : "ReadLinesAsync").WithTriviaFrom(access.Name)));
                var rewrite = kind == WholeFileForm.ReadAllLines
                    ? Lines(semanticModel, root, read, streaming, form, diagnostic, context.CancellationToken)
                    : LinesAsync(root, read, streaming, diagnostic);
                if (rewrite is not null)
                {
                    var document = context.Document;
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(document.WithSyntaxRoot(rewrite(root))), equivalenceKey: Title),
                        diagnostic);
                }
            }
        }

        private static Func<SyntaxNode, SyntaxNode>? Lines(
            SemanticModel semanticModel, SyntaxNode root, InvocationExpressionSyntax read, InvocationExpressionSyntax streaming, ConsumptionForm form, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 1)
            {
                // 'var lines = File.ReadLines(p);' would do, but 'string[] lines' would not compile: the one reference gets the call.
                return SequenceRewrite.InlineLocal(semanticModel, root, read, streaming, diagnostic.AdditionalLocations[0], form, cancellationToken);
            }

            return form == ConsumptionForm.ForEach || SequenceRewrite.BindsToSameMethod(semanticModel, read, streaming, cancellationToken)
                ? current => current.ReplaceNode(read, streaming)
                : null;
        }

        private static Func<SyntaxNode, SyntaxNode>? LinesAsync(SyntaxNode root, InvocationExpressionSyntax read, InvocationExpressionSyntax streaming, Diagnostic diagnostic)
        {
            if (read.Parent is not AwaitExpressionSyntax awaited)
            {
                return null;
            }

            SyntaxNode? declaration = null;
            ExpressionSyntax collection = awaited;
            if (diagnostic.AdditionalLocations.Count == 1)
            {
                if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not IdentifierNameSyntax reference
                    || awaited.Ancestors().OfType<LocalDeclarationStatementSyntax>().FirstOrDefault() is not { } local
                    || StatementAnchor.For(local) is not { } anchor)
                {
                    return null;
                }

                declaration = anchor.Node;
                collection = reference;
            }

            if (collection.Parent is not ForEachStatementSyntax { AwaitKeyword.RawKind: 0 } loop || loop.Expression != collection)
            {
                return null;
            }

            return current =>
            {
                var tracked = declaration is null ? current.TrackNodes(loop) : current.TrackNodes(loop, declaration);
                var currentLoop = tracked.GetCurrentNode(loop)!;
                var awaitKeyword = SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithLeadingTrivia(loop.ForEachKeyword.LeadingTrivia).WithTrailingTrivia(SyntaxFactory.Space);
                var leading = declaration is null ? awaitKeyword.LeadingTrivia : declaration.GetLeadingTrivia();
                var newLoop = currentLoop
                    .WithForEachKeyword(currentLoop.ForEachKeyword.WithLeadingTrivia())
                    .WithAwaitKeyword(awaitKeyword.WithLeadingTrivia(leading))
                    .WithExpression(streaming.WithTriviaFrom(collection));
                tracked = tracked.ReplaceNode(currentLoop, newLoop);
                return declaration is null ? tracked : tracked.RemoveNode(tracked.GetCurrentNode(declaration)!, SyntaxRemoveOptions.KeepNoTrivia)!;
            };
        }
    }
}
