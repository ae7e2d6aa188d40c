using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>Keeps the comments of statements that a fix removes, as lines above a statement that stays.</summary>
    internal static class MovedComments
    {
        /// <summary>The comments of statements a fix removes, each on a line of its own with the statement's indentation.</summary>
        public static SyntaxTriviaList CommentLines(IEnumerable<StatementSyntax> removed, string endOfLine)
        {
            var lines = new List<SyntaxTrivia>();
            foreach (var statement in removed)
            {
                var indentation = statement.GetLeadingTrivia().LastOrDefault(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia));
                foreach (var trivia in statement.GetLeadingTrivia().Concat(statement.GetTrailingTrivia()))
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
                    {
                        if (indentation.IsKind(SyntaxKind.WhitespaceTrivia))
                        {
                            lines.Add(indentation);
                        }

                        lines.Add(trivia);
                        lines.Add(SyntaxFactory.EndOfLine(endOfLine));
                    }
                }
            }

            return SyntaxFactory.TriviaList(lines);
        }

        /// <summary>Comment lines go right above a statement, after what already leads it (blank lines, its own comments).</summary>
        public static SyntaxNode WithCommentsBefore(SyntaxNode statement, SyntaxTriviaList comments)
        {
            var leading = statement.GetLeadingTrivia();
            var lineStart = leading.Count;
            while (lineStart > 0 && !leading[lineStart - 1].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                lineStart--;
            }

            return statement.WithLeadingTrivia(leading.Take(lineStart).Concat(comments).Concat(leading.Skip(lineStart)));
        }
    }
}
