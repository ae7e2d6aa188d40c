using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// Moves a run of statements of one block into a new nested block (<c>using (...) { }</c>, <c>lock (...) { }</c>,
    /// <c>try { } finally { }</c>), re-indented by one level. The new code is written as text and parsed, so that
    /// the user's own lines keep their formatting.
    /// </summary>
    internal static class StatementWrapping
    {
        /// <summary>
        /// True when statements <paramref name="first"/>..<paramref name="last"/> of <paramref name="block"/> can move into
        /// a nested block without changing what any name means: nothing declared there (a local, a pattern or
        /// <c>out var</c> variable, a local function, a label) is used after the run, and no token spans several
        /// lines (a verbatim or raw string would change if re-indented).
        /// </summary>
        public static bool CanWrap(SemanticModel semanticModel, IReadOnlyList<StatementSyntax> statements, int first, int last, CancellationToken cancellationToken)
        {
            if (first > last)
            {
                return true;
            }

            var declared = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var i = first; i <= last; i++)
            {
                var statement = statements[i];
                if (statement is LocalFunctionStatementSyntax or LabeledStatementSyntax)
                {
                    return false;
                }

                foreach (var token in statement.DescendantTokens())
                {
                    if (token.Span.Length > 0 && token.ToString().IndexOf('\n') >= 0)
                    {
                        return false;
                    }
                }

                foreach (var node in statement.DescendantNodesAndSelf(descendIntoChildren: n => n is not BlockSyntax || n == statement))
                {
                    if (node is VariableDeclaratorSyntax or SingleVariableDesignationSyntax
                        && semanticModel.GetDeclaredSymbol(node, cancellationToken) is { } symbol)
                    {
                        declared.Add(symbol);
                    }
                }
            }

            if (declared.Count == 0)
            {
                return true;
            }

            var names = new HashSet<string>(declared.Select(symbol => symbol.Name));
            for (var i = last + 1; i < statements.Count; i++)
            {
                foreach (var identifier in statements[i].DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (names.Contains(identifier.Identifier.ValueText)
                        && semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol is { } used
                        && declared.Contains(used))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The whitespace at the start of <paramref name="node"/>'s line.</summary>
        public static string IndentationOf(SyntaxNode node)
        {
            var leading = node.GetLeadingTrivia();
            var text = new StringBuilder();
            for (var i = leading.Count - 1; i >= 0 && leading[i].IsKind(SyntaxKind.WhitespaceTrivia); i--)
            {
                text.Insert(0, leading[i].ToString());
            }

            return text.ToString();
        }

        /// <summary>One level of indentation, as the block's statements use it relative to its brace (four spaces when unclear).</summary>
        public static string IndentationUnit(BlockSyntax block, StatementSyntax statement)
        {
            var statementIndentation = IndentationOf(statement);
            var braceIndentation = block.OpenBraceToken.LeadingTrivia.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
            return statementIndentation.Length > braceIndentation.Length && statementIndentation.StartsWith(braceIndentation, System.StringComparison.Ordinal)
                ? statementIndentation.Substring(braceIndentation.Length)
                : "    ";
        }

        /// <summary>Appends the statements' full text (comments included), each non-blank line indented by one more level.</summary>
        public static void AppendIndented(StringBuilder text, IEnumerable<StatementSyntax> statements, string unit)
        {
            foreach (var statement in statements)
            {
                var full = statement.ToFullString();
                var start = 0;
                while (start < full.Length)
                {
                    var end = full.IndexOf('\n', start);
                    var line = end < 0 ? full.Substring(start) : full.Substring(start, end - start + 1);
                    if (line.Trim().Length > 0)
                    {
                        text.Append(unit);
                    }

                    text.Append(line);
                    start = end < 0 ? full.Length : end + 1;
                }
            }
        }

        /// <summary>
        /// Replaces statements <paramref name="first"/>..<paramref name="last"/> of a block with <paramref name="replacement"/>
        /// (parsed text that carries its own trivia). Only those statements change: the rest of the block keeps its nodes.
        /// </summary>
        public static SyntaxNode ReplaceRange(SyntaxNode root, IReadOnlyList<StatementSyntax> statements, int first, int last, StatementSyntax replacement)
        {
            var range = statements.Skip(first).Take(last - first + 1).ToList();
            var tracked = root.TrackNodes(range);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(range[0])!, replacement);
            for (var i = 1; i < range.Count; i++)
            {
                tracked = tracked.RemoveNode(tracked.GetCurrentNode(range[i])!, SyntaxRemoveOptions.KeepNoTrivia)!;
            }

            return tracked;
        }
    }
}
