using System.Collections.Generic;
using System.Collections.Immutable;
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
    /// MEM013's second rewrite, "Use a ValueTuple" (offered by <see cref="SmallFixedCollectionFixer"/>), for a
    /// <c>Tuple&lt;…&gt;</c> in a local that is only asked its items (the analyzer reports no other): <c>Tuple.Create(a, b)</c> and <c>new Tuple&lt;A, B&gt;(a, b)</c> become the tuple literal
    /// <c>(a, b)</c>, whose <c>Item1</c>, <c>Item2</c> read the same values. An explicit <c>Tuple&lt;A, B&gt;</c> becomes
    /// <c>(A, B)</c>; <c>var</c> stays, unless an argument is converted to its element type (<c>null</c>, a lambda, an
    /// <c>int</c> for a <c>long</c>), when it becomes <c>(A, B)</c> too, so the elements keep their types.
    /// </summary>
    internal static class ValueTupleRewrite
    {
        public const string Title = "Use a ValueTuple";

        internal sealed class Plan
        {
            public Plan(ExpressionSyntax creation, ArgumentListSyntax arguments, TypeSyntax? declaredType, string tupleType)
            {
                Creation = creation;
                Arguments = arguments;
                DeclaredType = declaredType;
                TupleType = tupleType;
            }

            public ExpressionSyntax Creation { get; }

            public ArgumentListSyntax Arguments { get; }

            /// <summary>The declaration's type when it must be written as the tuple type; null when <c>var</c> stays.</summary>
            public TypeSyntax? DeclaredType { get; }

            public string TupleType { get; }
        }

        /// <summary>The rewrite of the tuple created by <paramref name="creation"/>, or null when it is not offered.</summary>
        public static Plan? TryCreatePlan(ExpressionSyntax creation, SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            if (creation.Parent is not EqualsValueClauseSyntax { Parent: VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } }
                || semanticModel.GetOperation(creation, cancellationToken) is not { Type: INamedTypeSymbol tuple } operation
                || ArgumentsOf(creation) is not { } arguments
                || arguments.Arguments.Any(argument => argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None)))
            {
                return null;
            }

            var converted = ArgumentOperations(operation).Any(argument => argument.Value is IConversionOperation { IsImplicit: true });
            var declaredType = declaration.Type.IsVar && !converted ? null : declaration.Type;
            var tupleType = "(" + string.Join(", ", tuple.TypeArguments.Select(type => type.ToMinimalDisplayString(semanticModel, creation.SpanStart))) + ")";
            return new Plan(creation, arguments, declaredType, tupleType);
        }

        /// <summary>
        /// The rewrite of <paramref name="creation"/> into a tuple literal alone, where the type it converts to is written
        /// elsewhere (a return type); null when an argument is named or passed by reference.
        /// </summary>
        public static Plan? TryCreateLiteralPlan(ExpressionSyntax creation)
            => ArgumentsOf(creation) is { } arguments
                && arguments.Arguments.All(argument => argument.NameColon is null && argument.RefKindKeyword.IsKind(SyntaxKind.None))
                ? new Plan(creation, arguments, declaredType: null, tupleType: string.Empty)
                : null;

        private static ArgumentListSyntax? ArgumentsOf(ExpressionSyntax creation) => creation switch
        {
            InvocationExpressionSyntax invocation => invocation.ArgumentList,
            BaseObjectCreationExpressionSyntax { Initializer: null } objectCreation => objectCreation.ArgumentList,
            _ => null,
        };

        private static ImmutableArray<IArgumentOperation> ArgumentOperations(IOperation operation) => operation switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation objectCreation => objectCreation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };

        /// <summary>Writes every plan into <paramref name="editor"/>.</summary>
        public static void Apply(DocumentEditor editor, IEnumerable<Plan> plans)
        {
            foreach (var plan in plans)
            {
                var literal = SyntaxFactory.TupleExpression(
                    SyntaxFactory.Token(SyntaxKind.OpenParenToken).WithTriviaFrom(plan.Arguments.OpenParenToken),
                    plan.Arguments.Arguments,
                    SyntaxFactory.Token(SyntaxKind.CloseParenToken).WithTriviaFrom(plan.Arguments.CloseParenToken));
                editor.ReplaceNode(plan.Creation, literal.WithTriviaFrom(plan.Creation));
                if (plan.DeclaredType is { } declaredType)
                {
                    editor.ReplaceNode(declaredType, SyntaxFactory.ParseTypeName(plan.TupleType).WithTriviaFrom(declaredType));
                }
            }
        }
    }
}
