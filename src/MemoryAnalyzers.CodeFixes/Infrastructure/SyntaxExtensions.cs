using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    internal static class SyntaxExtensions
    {
        public static ExpressionSyntax WalkDownParentheses(this ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        /// <summary>
        /// The syntax root and semantic model every fixer starts from; either is null for a document without them.
        /// Use as <c>if (await document.GetRootAndModelAsync(ct) is not ({ } root, { } semanticModel)) return;</c>.
        /// </summary>
        public static async Task<(SyntaxNode? Root, SemanticModel? SemanticModel)> GetRootAndModelAsync(this Document document, CancellationToken cancellationToken)
            => (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false),
                await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false));

        /// <summary>The line break the document already uses, so that inserted lines match it; "\n" for a one-line file.</summary>
        public static string EndOfLine(this SyntaxNode root)
            => root.DescendantTrivia().FirstOrDefault(trivia => trivia.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } found
                ? found.ToString()
                : "\n";
    }
}
