using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// A statement that sits directly in a statement list (a block, a switch section or the top-level statements of a
    /// file), so that new statements can be inserted before and after it.
    /// </summary>
    internal readonly struct StatementAnchor
    {
        private StatementAnchor(SyntaxNode node) => Node = node;

        /// <summary>The node to insert around: the statement itself, its label, or its global-statement wrapper.</summary>
        public SyntaxNode Node { get; }

        public bool IsGlobal => Node is GlobalStatementSyntax;

        /// <summary>Null when <paramref name="statement"/> is an embedded statement (the body of an <c>if</c>, say).</summary>
        public static StatementAnchor? For(StatementSyntax statement)
        {
            SyntaxNode node = statement;
            while (node.Parent is LabeledStatementSyntax label)
            {
                node = label;
            }

            switch (node.Parent)
            {
                case BlockSyntax:
                case SwitchSectionSyntax:
                    return new StatementAnchor(node);
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax:
                    return new StatementAnchor(global);
                default:
                    return null;
            }
        }

        /// <summary>The whitespace that starts the anchor's line.</summary>
        public SyntaxTriviaList Indentation()
        {
            var leading = Node.GetLeadingTrivia();
            var lastLineStart = leading.Count;
            while (lastLineStart > 0 && !leading[lastLineStart - 1].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lastLineStart--;
            }

            return SyntaxFactory.TriviaList(leading.Skip(lastLineStart).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        }

        /// <summary>Wraps a statement so that it can stand beside the anchor.</summary>
        public SyntaxNode Sibling(StatementSyntax statement)
            => IsGlobal ? SyntaxFactory.GlobalStatement(statement) : statement;
    }
}
