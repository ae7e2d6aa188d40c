using System;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// <c>seq.ToList().ForEach(x =&gt; body);</c> → <c>foreach (var x in seq) { body }</c>, with <c>return;</c> in the body
    /// becoming <c>continue;</c>. Offered only for a lambda with one parameter, not async, whose returns all sit outside
    /// nested loops (where <c>continue</c> would mean something else), and whose parameter name is free.
    /// </summary>
    internal static class ForEachRewrite
    {
        public static Func<SyntaxNode, SyntaxNode>? TryCreate(SemanticModel semanticModel, ExpressionSyntax materialization, ExpressionSyntax source, CancellationToken cancellationToken)
        {
            if (materialization.Parent is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ForEach" } access
                || access.Parent is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } invocation
                || invocation.Parent is not ExpressionStatementSyntax statement
                || invocation.ArgumentList.Arguments[0] is not { NameColon: null, Expression: LambdaExpressionSyntax lambda }
                || lambda.AsyncKeyword.RawKind != 0
                || Parameter(lambda) is not { } parameter)
            {
                return null;
            }

            var name = parameter.Identifier.ValueText;
            if (semanticModel.LookupSymbols(statement.SpanStart, name: name).Any(symbol => symbol.Kind is SymbolKind.Local or SymbolKind.Parameter or SymbolKind.RangeVariable))
            {
                return null;
            }

            var returns = lambda.Body.DescendantNodes(node => !IsNestedFunction(node)).OfType<ReturnStatementSyntax>().ToList();
            if (returns.Any(r => r.Expression is not null || r.Ancestors().TakeWhile(node => node != lambda).Any(IsLoop)))
            {
                return null;
            }

            var indentation = Indentation(statement);
            var header = new StringBuilder("foreach (")
                .Append(parameter.Type is null ? "var" : parameter.Type.ToString())
                .Append(' ').Append(parameter.Identifier.ToString())
                .Append(" in ").Append(source.WithoutTrivia().ToString()).Append(')');
            var endOfLine = statement.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { RawKind: not 0 } eol ? eol.ToString() : "\n";

            string body;
            if (lambda.Body is BlockSyntax block)
            {
                var rewritten = returns.Count == 0
                    ? block
                    : block.ReplaceNodes(returns, (original, _) => SyntaxFactory.ParseStatement("continue;").WithTriviaFrom(original));
                body = indentation + rewritten.WithoutTrivia().ToFullString();
            }
            else
            {
                body = indentation + "{" + endOfLine + indentation + "    " + ((ExpressionSyntax)lambda.Body).WithoutTrivia().ToFullString() + ";" + endOfLine + indentation + "}";
            }

            var loop = SyntaxFactory.ParseStatement(header + endOfLine + body).WithTriviaFrom(statement);
            return root => root.ReplaceNode(statement, loop);
        }

        private static ParameterSyntax? Parameter(LambdaExpressionSyntax lambda) => lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized
                when parenthesized.ParameterList.Parameters[0] is { Modifiers.Count: 0, AttributeLists.Count: 0, Default: null } single => single,
            _ => null,
        };

        private static bool IsNestedFunction(SyntaxNode node) => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

        private static bool IsLoop(SyntaxNode node) => node is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax;

        private static string Indentation(SyntaxNode statement)
        {
            var leading = statement.GetLeadingTrivia();
            return leading.Count > 0 && leading[leading.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? leading[leading.Count - 1].ToString() : string.Empty;
        }
    }
}
