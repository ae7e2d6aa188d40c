using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace MemoryAnalyzers.CodeFixes.Rules
{
    /// <summary>
    /// "Use a ValueTuple" for MEM013's member form: a private method that returns a
    /// <c>Tuple&lt;A, B&gt;</c> to callers that only read its items. Its return type becomes <c>(A, B)</c>, every
    /// <c>Tuple.Create(a, b)</c> or <c>new Tuple&lt;A, B&gt;(a, b)</c> it returns becomes <c>(a, b)</c> (converted to the
    /// return type as the creation's arguments were), and the callers' explicit <c>Tuple&lt;A, B&gt;</c> locals (the
    /// diagnostic's additional locations) become <c>(A, B)</c>; <c>var</c> stays and <c>.Item1</c> reads the same value.
    /// Offered only when every return of the method is such a creation and every caller's local is in the same document.
    /// </summary>
    internal static class ValueTupleMemberRewrite
    {
        internal sealed class Plan
        {
            public Plan(SyntaxNode function, TypeSyntax returnType, string tupleType, IReadOnlyList<ValueTupleRewrite.Plan> creations, IReadOnlyList<TypeSyntax> explicitTypes)
            {
                Function = function;
                ReturnType = returnType;
                TupleType = tupleType;
                Creations = creations;
                ExplicitTypes = explicitTypes;
            }

            /// <summary>The method declaration: one plan per method, however many of its creations were reported.</summary>
            public SyntaxNode Function { get; }

            public TypeSyntax ReturnType { get; }

            public string TupleType { get; }

            public IReadOnlyList<ValueTupleRewrite.Plan> Creations { get; }

            public IReadOnlyList<TypeSyntax> ExplicitTypes { get; }
        }

        public static Plan? TryCreatePlan(ExpressionSyntax creation, Diagnostic diagnostic, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (EnclosingFunction(creation) is not { } function
                || semanticModel.GetDeclaredSymbol(function.Declaration, cancellationToken) is not IMethodSymbol { ReturnType: INamedTypeSymbol { IsTupleType: false } tuple }
                || ReturnedValues(function.Body) is not { } returned)
            {
                return null;
            }

            var creations = new List<ValueTupleRewrite.Plan>();
            foreach (var value in returned)
            {
                if (ValueTupleRewrite.TryCreateLiteralPlan(value) is not { } literal)
                {
                    return null;
                }

                creations.Add(literal);
            }

            var root = creation.SyntaxTree.GetRoot(cancellationToken);
            var explicitTypes = new List<TypeSyntax>();
            foreach (var location in diagnostic.AdditionalLocations)
            {
                if (location.SourceTree != creation.SyntaxTree
                    || root.FindNode(location.SourceSpan, getInnermostNodeForTie: true) is not TypeSyntax type
                    || type.Parent is not VariableDeclarationSyntax { Variables.Count: 1 })
                {
                    return null;
                }

                explicitTypes.Add(type);
            }

            if (!creations.Exists(plan => plan.Creation == creation))
            {
                return null;
            }

            var tupleType = "(" + string.Join(", ", tuple.TypeArguments.Select(type => type.ToMinimalDisplayString(semanticModel, function.Declaration.SpanStart, SmallFixedCollectionFixer.TypeFormat))) + ")";
            return new Plan(function.Declaration, function.ReturnType, tupleType, creations, explicitTypes);
        }

        /// <summary>Writes every plan into <paramref name="editor"/>.</summary>
        public static void Apply(DocumentEditor editor, IEnumerable<Plan> plans)
        {
            foreach (var plan in plans)
            {
                editor.ReplaceNode(plan.ReturnType, SyntaxFactory.ParseTypeName(plan.TupleType).WithTriviaFrom(plan.ReturnType));
                ValueTupleRewrite.Apply(editor, plan.Creations);
                foreach (var type in plan.ExplicitTypes)
                {
                    editor.ReplaceNode(type, SyntaxFactory.ParseTypeName(plan.TupleType).WithTriviaFrom(type));
                }
            }
        }

        /// <summary>The method whose own return <paramref name="creation"/> is in; null inside a lambda or local function.</summary>
        private static (SyntaxNode Declaration, TypeSyntax ReturnType, SyntaxNode Body)? EnclosingFunction(ExpressionSyntax creation)
        {
            foreach (var ancestor in creation.Ancestors())
            {
                switch (ancestor)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return null;
                    case MethodDeclarationSyntax method when ((SyntaxNode?)method.Body ?? method.ExpressionBody) is { } body:
                        return (method, method.ReturnType, body);
                    case MemberDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>What the function returns, outside nested lambdas and local functions; null when a return has no value.</summary>
        private static List<ExpressionSyntax>? ReturnedValues(SyntaxNode body)
        {
            if (body is ArrowExpressionClauseSyntax arrow)
            {
                return new List<ExpressionSyntax> { arrow.Expression.WalkDownParentheses() };
            }

            var values = new List<ExpressionSyntax>();
            foreach (var statement in body.DescendantNodes(node => node is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)).OfType<ReturnStatementSyntax>())
            {
                if (statement.Expression is null)
                {
                    return null;
                }

                values.Add(statement.Expression.WalkDownParentheses());
            }

            return values;
        }
    }
}
