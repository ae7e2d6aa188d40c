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
    public sealed class WholeFileLoadedFixer : RootRewriteCodeFixProvider
    {
        private const string Title = "Stream the lines with File.ReadLines";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.WholeFileLoaded);

        private protected override string FixAllTitle => Title;

        /// <summary>Each rewrite changes one read and its loop: the batch fixer merges them.</summary>
        private protected override bool FixAllInOneBatch => true;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = Title;
            if (DiagnosticProperties.Enum<ConsumptionForm>(diagnostic, SingleEnumeration.FormPropertyName) is not { } form
                || DiagnosticProperties.Enum<WholeFileForm>(diagnostic, WholeFileLoadedAnalyzer.KindPropertyName) is not { } kind
                || kind == WholeFileForm.SplitText
                || !DiagnosticProperties.IsSet(diagnostic, WholeFileLoadedAnalyzer.StreamingAvailablePropertyName)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } read)
            {
                return null;
            }

            var streaming = read.WithExpression(access.WithName(SyntaxFactory.IdentifierName(kind == WholeFileForm.ReadAllLines ? "ReadLines" : "ReadLinesAsync").WithTriviaFrom(access.Name)));
            var rewrite = kind == WholeFileForm.ReadAllLines
                ? Lines(semanticModel, root, read, streaming, form, diagnostic, cancellationToken)
                : LinesAsync(root, read, streaming, diagnostic);
            return rewrite?.Invoke(root);
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
