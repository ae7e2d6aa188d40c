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

            // Statements on one line may share the blanks between them: touching deletions are merged, then each is widened
            // to the whole line, or to the blanks before it, when nothing is left after it on its line.
            var merged = new List<TextSpan>();
            foreach (var span in plans.SelectMany(plan => (List<TextSpan>)plan).Distinct().OrderBy(span => span.Start))
            {
                var node = root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<StatementSyntax>();
                if (node is null)
                {
                    continue;
                }

                var deletion = StatementWithBlanksAfter(node.Parent is GlobalStatementSyntax global ? global : node, text);
                if (merged.Count > 0 && merged[merged.Count - 1].End >= deletion.Start)
                {
                    var last = merged[merged.Count - 1];
                    merged[merged.Count - 1] = TextSpan.FromBounds(last.Start, System.Math.Max(last.End, deletion.End));
                }
                else
                {
                    merged.Add(deletion);
                }
            }

            var deletions = merged.Select(deletion => Widened(deletion, text)).ToList();
            return document.WithText(text.WithChanges(deletions.Select(deletion => new TextChange(deletion, string.Empty))));
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

        /// <summary>The statement and the blanks after it on its line: a comment or code after it keeps its place.</summary>
        private static TextSpan StatementWithBlanksAfter(SyntaxNode node, SourceText text)
        {
            var lineEnd = text.Lines.GetLineFromPosition(node.Span.End).End;
            var end = node.Span.End;
            while (end < lineEnd && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            return TextSpan.FromBounds(node.Span.Start, end);
        }

        /// <summary>
        /// A deletion that leaves nothing after it on its line takes the blanks before it too, and the whole line, line
        /// break included, when nothing is left before it either.
        /// </summary>
        private static TextSpan Widened(TextSpan deletion, SourceText text)
        {
            var endLine = text.Lines.GetLineFromPosition(deletion.End);
            if (deletion.End != endLine.End)
            {
                return deletion;
            }

            var line = text.Lines.GetLineFromPosition(deletion.Start);
            var start = deletion.Start;
            while (start > line.Start && char.IsWhiteSpace(text[start - 1]))
            {
                start--;
            }

            return start == line.Start
                ? TextSpan.FromBounds(line.Start, endLine.EndIncludingLineBreak)
                : TextSpan.FromBounds(start, deletion.End);
        }
    }
}
