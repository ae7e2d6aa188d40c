using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>
    /// How an embedded statement (the body of an <c>if</c>, <c>else</c> or loop written without braces) sits in the text,
    /// to put it in a block behind new statements in the same style: on one line (<c>if (done) { a; return s; }</c>) when
    /// it shares its parent's line, otherwise with the braces on lines of their own at the parent's indentation.
    /// Captured from the original tree, applied to the statement as other edits left it.
    /// </summary>
    internal sealed class EmbeddedLayout
    {
        private readonly bool _ownLine;
        private readonly SyntaxTriviaList _leading;
        private readonly SyntaxTriviaList _trailing;
        private readonly SyntaxTriviaList _parentIndentation;
        private readonly SyntaxTriviaList _indentation;

        private EmbeddedLayout(bool ownLine, SyntaxTriviaList leading, SyntaxTriviaList trailing, SyntaxTriviaList parentIndentation, SyntaxTriviaList indentation)
        {
            _ownLine = ownLine;
            _leading = leading;
            _trailing = trailing;
            _parentIndentation = parentIndentation;
            _indentation = indentation;
        }

        public static EmbeddedLayout Of(StatementSyntax statement)
        {
            var leading = statement.GetLeadingTrivia();
            var previous = statement.GetFirstToken().GetPreviousToken();
            var line = statement.SyntaxTree.GetText().Lines.GetLineFromPosition(previous.SpanStart).ToString();
            var parentIndentation = line.Substring(0, line.Length - line.TrimStart(' ', '\t').Length);
            return new EmbeddedLayout(
                StartsLine(statement),
                leading,
                statement.GetTrailingTrivia(),
                parentIndentation.Length == 0 ? default : SyntaxFactory.TriviaList(SyntaxFactory.Whitespace(parentIndentation)),
                SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(trivia => trivia.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse()));
        }

        /// <summary>True when nothing but whitespace and comments comes before <paramref name="node"/> on its line.</summary>
        public static bool StartsLine(SyntaxNode node)
        {
            var previous = node.GetFirstToken().GetPreviousToken();
            return previous.IsKind(SyntaxKind.None)
                || previous.TrailingTrivia.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                || node.GetLeadingTrivia().Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
        }

        /// <summary><c>{ before...; statement }</c> in this layout; the statements in <paramref name="before"/> carry no trivia.</summary>
        public BlockSyntax InBlock(IReadOnlyList<StatementSyntax> before, StatementSyntax statement, SyntaxTrivia endOfLine)
        {
            var statements = new List<StatementSyntax>();
            if (!_ownLine)
            {
                var space = SyntaxFactory.TriviaList(SyntaxFactory.Space);
                statements.AddRange(before.Select(added => added.WithLeadingTrivia().WithTrailingTrivia(space)));
                statements.Add(statement.WithLeadingTrivia().WithTrailingTrivia(space));
                return SyntaxFactory.Block(
                    SyntaxFactory.Token(_leading, SyntaxKind.OpenBraceToken, space),
                    SyntaxFactory.List(statements),
                    SyntaxFactory.Token(default, SyntaxKind.CloseBraceToken, _trailing));
            }

            // The first new line takes over the statement's comments; the statement keeps its own end of line.
            var endsLine = _trailing.Any(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia));
            statements.AddRange(before.Select((added, i) => added.WithLeadingTrivia(i == 0 ? _leading : _indentation).WithTrailingTrivia(endOfLine)));
            statements.Add(statement.WithLeadingTrivia(_indentation).WithTrailingTrivia(endsLine ? _trailing : _trailing.Add(endOfLine)));
            return SyntaxFactory.Block(
                SyntaxFactory.Token(_parentIndentation, SyntaxKind.OpenBraceToken, SyntaxFactory.TriviaList(endOfLine)),
                SyntaxFactory.List(statements),
                SyntaxFactory.Token(_parentIndentation, SyntaxKind.CloseBraceToken, endsLine ? SyntaxFactory.TriviaList(endOfLine) : _trailing));
        }
    }
}
