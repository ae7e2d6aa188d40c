using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MemoryAnalyzers.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// MEM010 fix "Remove the forced collection": deletes the <c>GC.Collect(...);</c> statement and its usual companions right
    /// after it (<c>GC.WaitForPendingFinalizers();</c>, then another <c>GC.Collect();</c>). Offered only when the call is a
    /// statement on its own in a block (or a top-level statement that is not the program's only one). Comments stay: the
    /// lines before the statement are not touched, and a comment at the end of a removed line keeps its own line.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ForcedGarbageCollectionFixer))]
    [Shared]
    public sealed class ForcedGarbageCollectionFixer : PlannedCodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ForcedGarbageCollection);

        private protected override string Title => "Remove the forced collection";

        /// <summary>The plan: the statements to delete. Plans of one document are merged, so a companion reported on its own is deleted once.</summary>
        private protected override object? TryCreatePlan(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (GcMembers.TryCreate(semanticModel.Compilation) is not { } gc
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation
                || invocation.Parent is not ExpressionStatementSyntax statement
                || Siblings(statement) is not { } siblings)
            {
                return null;
            }

            var removed = new List<TextSpan> { RemovableNode(statement).Span };
            var index = siblings.IndexOf(RemovableNode(statement));
            if (index + 1 < siblings.Count
                && IsCallStatement(siblings[index + 1], "WaitForPendingFinalizers", gc, semanticModel, cancellationToken))
            {
                removed.Add(siblings[index + 1].Span);
                if (index + 2 < siblings.Count && IsCallStatement(siblings[index + 2], "Collect", gc, semanticModel, cancellationToken))
                {
                    removed.Add(siblings[index + 2].Span);
                }
            }

            return removed;
        }

        private protected override async Task<Document> ApplyAsync(Document document, IReadOnlyCollection<object> plans, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var changes = new List<TextChange>();
            foreach (var span in plans.SelectMany(plan => (List<TextSpan>)plan).Distinct().OrderBy(span => span.Start))
            {
                var node = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>();
                if (node is not null)
                {
                    changes.Add(new TextChange(Deletion(node.Parent is GlobalStatementSyntax global ? global : node, text), string.Empty));
                }
            }

            return document.WithText(text.WithChanges(changes));
        }

        /// <summary>The statements around the call, when it may be deleted from them.</summary>
        private static List<SyntaxNode>? Siblings(ExpressionStatementSyntax statement)
        {
            switch (statement.Parent)
            {
                case BlockSyntax block:
                    return block.Statements.Cast<SyntaxNode>().ToList();
                case GlobalStatementSyntax { Parent: CompilationUnitSyntax unit }:
                    var globals = unit.Members.OfType<GlobalStatementSyntax>().Cast<SyntaxNode>().ToList();
                    return globals.Count > 1 ? globals : null;
                default:
                    return null;
            }
        }

        private static SyntaxNode RemovableNode(StatementSyntax statement) => statement.Parent is GlobalStatementSyntax global ? global : statement;

        /// <summary>A statement that is only <c>GC.<paramref name="name"/>()</c>; a companion collection must be a reported one.</summary>
        private static bool IsCallStatement(SyntaxNode node, string name, GcMembers gc, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            var statement = node is GlobalStatementSyntax global ? global.Statement : node;
            return statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
                && semanticModel.GetOperation(call, cancellationToken) is IInvocationOperation invocation
                && gc.IsGcCall(invocation, name)
                && (name != "Collect" || !ForcedGarbageCollectionAnalyzer.IsOptimized(invocation, gc));
        }

        /// <summary>
        /// The text to delete for <paramref name="node"/>: its whole line when it stands alone on it, otherwise the statement
        /// itself; a comment after it on the same line stays, at the statement's indentation.
        /// </summary>
        private static TextSpan Deletion(SyntaxNode node, SourceText text)
        {
            var span = node.Span;
            var line = text.Lines.GetLineFromPosition(span.Start);
            var aloneFromStart = IsBlank(text, line.Start, span.Start);
            var endLine = text.Lines.GetLineFromPosition(span.End);
            var rest = text.ToString(TextSpan.FromBounds(span.End, endLine.End));
            var trimmed = rest.TrimStart();
            if (trimmed.Length > 0)
            {
                // Something follows on the line (a comment, another statement): keep it where the statement began.
                return TextSpan.FromBounds(span.Start, span.End + (rest.Length - trimmed.Length));
            }

            if (aloneFromStart)
            {
                return TextSpan.FromBounds(line.Start, endLine.EndIncludingLineBreak);
            }

            // Code before it on the line: the statement goes with the blanks that separate it from that code.
            var start = span.Start;
            while (start > line.Start && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            return TextSpan.FromBounds(start, endLine.End);
        }

        private static bool IsBlank(SourceText text, int start, int end)
        {
            for (var i = start; i < end; i++)
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
