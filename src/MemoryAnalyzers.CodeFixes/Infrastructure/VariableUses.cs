using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes
{
    /// <summary>The identifiers that refer to one local or parameter inside a member, and whether any of them writes it.</summary>
    internal static class VariableUses
    {
        /// <summary>Every identifier in <paramref name="scope"/> bound to <paramref name="variable"/>, in source order.</summary>
        public static List<IdentifierNameSyntax> Find(SemanticModel semanticModel, SyntaxNode scope, ISymbol variable, CancellationToken cancellationToken)
        {
            var uses = new List<IdentifierNameSyntax>();
            foreach (var node in scope.DescendantNodes())
            {
                if (node is IdentifierNameSyntax identifier
                    && identifier.Identifier.ValueText == variable.Name
                    && SymbolEqualityComparer.Default.Equals(semanticModel.GetSymbolInfo(identifier, cancellationToken).Symbol, variable))
                {
                    uses.Add(identifier);
                }
            }

            return uses;
        }

        /// <summary>True when the identifier is assigned, incremented, passed by <c>ref</c>/<c>out</c> or a deconstruction target.</summary>
        public static bool IsWrite(IdentifierNameSyntax identifier)
        {
            SyntaxNode current = identifier;
            while (current.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax } or TupleExpressionSyntax or ParenthesizedExpressionSyntax)
            {
                current = current.Parent;
            }

            switch (current.Parent)
            {
                case AssignmentExpressionSyntax assignment:
                    return assignment.Left == current;
                case PrefixUnaryExpressionSyntax prefix:
                    return prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression);
                case PostfixUnaryExpressionSyntax:
                    return true;
                case ArgumentSyntax argument:
                    return argument.RefKindKeyword.IsKind(SyntaxKind.RefKeyword) || argument.RefKindKeyword.IsKind(SyntaxKind.OutKeyword);
                case RefExpressionSyntax:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the identifier is lent out by reference (a <c>ref</c>, <c>out</c> or <c>in</c> argument, <c>ref x</c>,
        /// <c>&amp;x</c>): the borrower sees the variable itself, and a value cannot stand in for it.
        /// </summary>
        public static bool IsLentByReference(IdentifierNameSyntax identifier)
        {
            SyntaxNode current = identifier;
            while (current.Parent is ParenthesizedExpressionSyntax)
            {
                current = current.Parent;
            }

            return current.Parent is RefExpressionSyntax
                || (current.Parent is ArgumentSyntax argument && !argument.RefKindKeyword.IsKind(SyntaxKind.None))
                || (current.Parent is PrefixUnaryExpressionSyntax prefix && prefix.IsKind(SyntaxKind.AddressOfExpression));
        }

        /// <summary>True when <paramref name="node"/> lies in a lambda, anonymous method or local function below <paramref name="boundary"/>.</summary>
        public static bool IsInsideFunction(SyntaxNode node, SyntaxNode boundary)
        {
            for (var current = node.Parent; current is not null && current != boundary; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The text of a node re-indented by <paramref name="extraIndentation"/> on every line after the first; null if a string spans lines.</summary>
        public static string? Reindented(SyntaxNode node, string extraIndentation, string endOfLine)
        {
            foreach (var token in node.DescendantTokens())
            {
                if (token.Span.Length > 0 && token.ToString().IndexOf('\n') >= 0)
                {
                    return null;
                }
            }

            var text = node.WithoutLeadingTrivia().WithoutTrailingTrivia().ToFullString();
            return text.Replace("\r\n", "\n").Replace("\n", endOfLine + extraIndentation);
        }

    }
}
