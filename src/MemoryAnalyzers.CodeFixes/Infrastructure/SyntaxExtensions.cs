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
    }
}
