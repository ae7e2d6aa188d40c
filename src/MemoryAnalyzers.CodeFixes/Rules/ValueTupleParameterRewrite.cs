using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// "Use a ValueTuple" for a <c>Tuple&lt;A, B&gt;</c> parameter of a private method that only reads its items: the parameter
    /// becomes <c>(A, B)</c> and the <c>Tuple.Create(a, b)</c> or <c>new Tuple&lt;A, B&gt;(a, b)</c> every call passes becomes
    /// <c>(a, b)</c>, converted to the parameter's type as the creation's arguments were; <c>.Item1</c> reads the same value.
    /// Offered only when the method's type is declared in this document alone and every call passes a creation by position
    /// (the analyzer reports nothing else; the method has no overload the new type could collide with).
    /// </summary>
    internal static class ValueTupleParameterRewrite
    {
        internal sealed class Plan
        {
            public Plan(ParameterSyntax parameter, string tupleType, IReadOnlyList<ValueTupleRewrite.Plan> arguments)
            {
                Parameter = parameter;
                TupleType = tupleType;
                Arguments = arguments;
            }

            /// <summary>The parameter's declaration: one plan per parameter, however many of its arguments were reported.</summary>
            public ParameterSyntax Parameter { get; }

            public string TupleType { get; }

            public IReadOnlyList<ValueTupleRewrite.Plan> Arguments { get; }
        }

        public static Plan? TryCreatePlan(ExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (creation.Parent is not ArgumentSyntax { NameColon: null } argument
                || semanticModel.GetOperation(argument, cancellationToken) is not IArgumentOperation { Parameter: { } parameter }
                || parameter.OriginalDefinition is not { Type: INamedTypeSymbol { IsTupleType: false } tuple, ContainingSymbol: IMethodSymbol method } declared
                || declared.DeclaringSyntaxReferences is not { Length: 1 } parameterReferences
                || parameterReferences[0].SyntaxTree != creation.SyntaxTree
                || parameterReferences[0].GetSyntax(cancellationToken) is not ParameterSyntax { Type: { } } parameterSyntax
                || method.ContainingType.DeclaringSyntaxReferences.Any(reference => reference.SyntaxTree != creation.SyntaxTree))
            {
                return null;
            }

            var arguments = new List<ValueTupleRewrite.Plan>();
            foreach (var reference in method.ContainingType.DeclaringSyntaxReferences)
            {
                foreach (var call in reference.GetSyntax(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (!NamesMethod(call.Expression, method.Name)
                        || semanticModel.GetOperation(call, cancellationToken) is not IInvocationOperation operation
                        || !SymbolEqualityComparer.Default.Equals(operation.TargetMethod.OriginalDefinition, method))
                    {
                        continue;
                    }

                    // By parameter, not by position: a reduced extension call has no argument for 'this'.
                    if (operation.Arguments.FirstOrDefault(candidate => SymbolEqualityComparer.Default.Equals(candidate.Parameter?.OriginalDefinition, declared))?.Syntax
                            is not ArgumentSyntax { NameColon: null } passed
                        || ValueTupleRewrite.TryCreateLiteralPlan(passed.Expression.WalkDownParentheses()) is not { } literal)
                    {
                        return null;
                    }

                    arguments.Add(literal);
                }
            }

            if (!arguments.Exists(plan => plan.Creation == creation))
            {
                return null;
            }

            var tupleType = "(" + string.Join(", ", tuple.TypeArguments.Select(type => type.ToMinimalDisplayString(semanticModel, parameterSyntax.SpanStart, SmallFixedCollectionFixer.TypeFormat))) + ")";
            return new Plan(parameterSyntax, tupleType, arguments);
        }

        /// <summary>Writes every plan into <paramref name="editor"/>.</summary>
        public static void Apply(DocumentEditor editor, IEnumerable<Plan> plans)
        {
            foreach (var plan in plans)
            {
                editor.ReplaceNode(plan.Parameter.Type!, SyntaxFactory.ParseTypeName(plan.TupleType).WithTriviaFrom(plan.Parameter.Type!));
                ValueTupleRewrite.Apply(editor, plan.Arguments);
            }
        }

        /// <summary><c>M(…)</c>, <c>this.M(…)</c>, <c>Type.M(…)</c>, <c>M&lt;T&gt;(…)</c>, <c>x.M(…)</c> for an extension: a cheap test before asking the model.</summary>
        private static bool NamesMethod(ExpressionSyntax expression, string name) => expression switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText == name,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == name,
            _ => false,
        };
    }
}
