using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
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
    /// MEM011 fixes. A no-GC region: the statements after <c>GC.TryStartNoGCRegion(...)</c> in its block (or the block
    /// body of <c>if (GC.TryStartNoGCRegion(...))</c>) go into a <c>try</c> whose <c>finally</c> ends the region only if
    /// <c>GCSettings.LatencyMode == GCLatencyMode.NoGCRegion</c>: the code's own <c>GC.EndNoGCRegion()</c> stays where it
    /// is, so the normal path is unchanged, and on an exception the region ends instead of staying open. A latency mode:
    /// the statements between <c>GCSettings.LatencyMode = x;</c> and the later statement of the same block that assigns it
    /// back go into a <c>try</c>, and that statement into its <c>finally</c>.
    /// </summary>
    /// <remarks>
    /// Both are offered only when the code already ends the region (restores the mode) later in the method: a region or
    /// mode set by one method and undone by another is meant to outlive the call, and closing it at the end of the block
    /// would change what the program does. No fix for memory pressure: where to remove it depends on the object's life.
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GcModeNotRestoredFixer))]
    [Shared]
    public sealed class GcModeNotRestoredFixer : RootRewriteCodeFixProvider
    {
        private const string RegionTitle = "End the no-GC region in a finally";
        private const string ModeTitle = "Restore the latency mode in a finally";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.GcModeNotRestored);

        /// <summary>Each fix re-writes a run of statements: applied one at a time, last first (see <see cref="SequentialFixAll"/>).</summary>
        private protected override string FixAllTitle => RegionTitle;

        private protected override SyntaxNode? TryFix(SyntaxNode root, SemanticModel semanticModel, Diagnostic diagnostic, CancellationToken cancellationToken, out string title)
        {
            title = RegionTitle;
            if (GcMembers.TryCreate(semanticModel.Compilation) is not { Settings: { } settings } gc
                || semanticModel.Compilation.FindType("System.Runtime.GCLatencyMode") is not { } latencyMode)
            {
                return null;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            switch (DiagnosticProperties.Text(diagnostic, GcModeNotRestoredAnalyzer.FormProperty))
            {
                case GcModeNotRestoredAnalyzer.NoGCRegionForm when node is InvocationExpressionSyntax start:
                    return WrapRegion(root, semanticModel, gc, settings, latencyMode, start, cancellationToken);
                case GcModeNotRestoredAnalyzer.LatencyModeForm when node is AssignmentExpressionSyntax assignment:
                    title = ModeTitle;
                    return WrapMode(root, semanticModel, gc, assignment, cancellationToken);
                default:
                    return null;
            }
        }

        private static SyntaxNode? WrapRegion(
            SyntaxNode root,
            SemanticModel semanticModel,
            GcMembers gc,
            INamedTypeSymbol settings,
            INamedTypeSymbol latencyMode,
            InvocationExpressionSyntax start,
            CancellationToken cancellationToken)
        {
            // if (GC.TryStartNoGCRegion(n)) { … } : the body; otherwise the rest of the block after the statement.
            IReadOnlyList<StatementSyntax> statements;
            int first;
            BlockSyntax block;
            SyntaxNode condition = start;
            while (condition.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                condition = parenthesized;
            }

            if (condition.Parent is IfStatementSyntax { Statement: BlockSyntax { Statements.Count: > 0 } body } ifStatement
                && ifStatement.Condition.WalkDownParentheses() == start
                && EndsRegion(body.Statements, 0, gc, semanticModel, cancellationToken))
            {
                block = body;
                statements = body.Statements;
                first = 0;
            }
            else if (start.FirstAncestorOrSelf<StatementSyntax>() is { Parent: BlockSyntax parent } statement
                && !start.Ancestors().TakeWhile(a => a != statement).Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                && EndsRegion(parent.Statements, parent.Statements.IndexOf(statement) + 1, gc, semanticModel, cancellationToken))
            {
                block = parent;
                statements = parent.Statements;
                first = parent.Statements.IndexOf(statement) + 1;
            }
            else
            {
                return null;
            }

            var last = statements.Count - 1;
            if (!StatementWrapping.CanWrap(semanticModel, statements, first, last, cancellationToken))
            {
                return null;
            }

            var position = statements[first].SpanStart;
            var needsUsing = false;
            var runtime = settings.ContainingNamespace.ToDisplayString();
            var settingsName = TypeNames.NameAt(semanticModel, position, settings, runtime, ref needsUsing);
            var modeName = TypeNames.NameAt(semanticModel, position, latencyMode, runtime, ref needsUsing);
            var gcName = TypeNames.NameAt(semanticModel, position, gc.Gc, runtime, ref needsUsing);
            var unit = StatementWrapping.IndentationUnit(block, statements[first]);
            var endOfLine = root.EndOfLine();
            var guard = new StringBuilder()
                .Append("if (").Append(settingsName).Append(".LatencyMode == ").Append(modeName).Append(".NoGCRegion)").Append(endOfLine)
                .Append('{').Append(endOfLine)
                .Append(unit).Append(gcName).Append(".EndNoGCRegion();").Append(endOfLine)
                .Append('}').Append(endOfLine);
            var replacement = TryFinally(statements.Skip(first).ToList(), guard.ToString(), statements[first], unit, endOfLine);
            var newRoot = StatementWrapping.ReplaceRange(root, statements, first, last, replacement);
            return needsUsing ? TypeNames.AddUsing(newRoot, runtime) : newRoot;
        }

        private static SyntaxNode? WrapMode(SyntaxNode root, SemanticModel semanticModel, GcMembers gc, AssignmentExpressionSyntax assignment, CancellationToken cancellationToken)
        {
            if (assignment.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement)
            {
                return null;
            }

            // The first later statement that assigns the mode back; nothing in between may assign it.
            var statements = block.Statements;
            var first = statements.IndexOf(statement) + 1;
            var restore = -1;
            for (var i = first; i < statements.Count && restore < 0; i++)
            {
                if (statements[i] is ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax candidate }
                    && gc.IsSettingsAssignment(semanticModel.GetOperation(candidate, cancellationToken), "LatencyMode"))
                {
                    restore = i;
                }
                else if (statements[i].DescendantNodes().OfType<AssignmentExpressionSyntax>()
                    .Any(other => gc.IsSettingsAssignment(semanticModel.GetOperation(other, cancellationToken), "LatencyMode")))
                {
                    return null;
                }
            }

            if (restore <= first || !StatementWrapping.CanWrap(semanticModel, statements, first, restore - 1, cancellationToken))
            {
                return null;
            }

            var unit = StatementWrapping.IndentationUnit(block, statement);
            var endOfLine = root.EndOfLine();
            // The restoring statement moves as it is, comments included, one level deeper.
            var restoreIndentation = StatementWrapping.IndentationOf(statements[restore]);
            var restoreText = string.Join("\n", statements[restore].ToFullString().Split('\n')
                .Select(line => line.StartsWith(restoreIndentation, System.StringComparison.Ordinal) ? line.Substring(restoreIndentation.Length) : line.TrimStart()));
            var replacement = TryFinally(statements.Skip(first).Take(restore - first).ToList(), restoreText, statements[first], unit, endOfLine);
            return StatementWrapping.ReplaceRange(root, statements, first, restore, replacement);
        }

        /// <summary><c>try { statements } finally { handler }</c> at the indentation of <paramref name="anchor"/>; the handler's lines are indented here.</summary>
        private static StatementSyntax TryFinally(IReadOnlyList<StatementSyntax> statements, string handler, StatementSyntax anchor, string unit, string endOfLine)
        {
            var indentation = StatementWrapping.IndentationOf(anchor);
            var text = new StringBuilder();
            text.Append(indentation).Append("try").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            StatementWrapping.AppendIndented(text, statements, unit);
            text.Append(indentation).Append('}').Append(endOfLine)
                .Append(indentation).Append("finally").Append(endOfLine)
                .Append(indentation).Append('{').Append(endOfLine);
            foreach (var line in handler.Split('\n'))
            {
                var content = line.TrimEnd('\r', ' ', '\t');
                if (content.Length > 0)
                {
                    text.Append(indentation).Append(unit).Append(content).Append(endOfLine);
                }
            }

            text.Append(indentation).Append('}').Append(endOfLine);
            return SyntaxFactory.ParseStatement(text.ToString());
        }

        /// <summary>True when one of the statements from <paramref name="first"/> on calls <c>GC.EndNoGCRegion()</c>.</summary>
        private static bool EndsRegion(SyntaxList<StatementSyntax> statements, int first, GcMembers gc, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            for (var i = first; i < statements.Count; i++)
            {
                foreach (var invocation in statements[i].DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
                {
                    if (gc.IsGcCall(semanticModel.GetOperation(invocation, cancellationToken), "EndNoGCRegion"))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
