using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM006: a copied array handed to a library method that has an overload taking the sequence itself:
    /// <c>string.Join(",", names.ToArray())</c> binds to <c>Join(string, params string[])</c>, and
    /// <c>string.Join(",", names)</c> to <c>Join(string, IEnumerable&lt;string&gt;)</c>. The question is asked of the
    /// compiler, not of a list of names: the call is bound again with the copy's source in the copy's place, and must pick
    /// a method of the same name and type whose parameter there is <c>IEnumerable&lt;T&gt;</c>.
    /// </summary>
    internal static class SequenceOverload
    {
        /// <summary>
        /// True when <paramref name="argument"/> (an array: the copy, or the local holding it) could be replaced by
        /// <paramref name="source"/>, the sequence it was copied from, and the call would still be the same method, taking
        /// a sequence. False for methods of the project (their array parameter is what they need), for methods without a
        /// sequence overload (<c>Type.MakeGenericType(params Type[])</c>, <c>Path.Combine</c>), and for calls whose result
        /// may keep the sequence to read it later (anything but <c>void</c>, a string, a number, a <c>bool</c> or an enum):
        /// the array is a snapshot that such a result would otherwise share with the code that changes the source.
        /// </summary>
        public static bool AcceptsSource(IInvocationOperation invocation, IArgumentOperation argument, IOperation source, SequenceTypes types)
        {
            var method = invocation.TargetMethod;
            if (argument.ArgumentKind != ArgumentKind.Explicit
                || argument.Parameter is not { Type: IArrayTypeSymbol { Rank: 1 } } parameter
                || !KeepsNothing(method)
                || SourceSymbols.IsDeclaredInSource(method)
                || !HasSequenceOverload(method, parameter.Ordinal, types))
            {
                return false;
            }

            // Only now, for the rare call that passes the cheap tests: bind it again with the source in the copy's place.
            if (invocation.Syntax is not InvocationExpressionSyntax call
                || argument.Syntax is not ArgumentSyntax argumentSyntax
                || source.Syntax is not ExpressionSyntax sourceSyntax
                || invocation.SemanticModel is not { } semanticModel)
            {
                return false;
            }

            var index = call.ArgumentList.Arguments.IndexOf(argumentSyntax);
            var rebound = call.ReplaceNode(argumentSyntax.Expression, sourceSyntax.WithoutTrivia());
            if (index < 0
                || semanticModel.GetSpeculativeSymbolInfo(call.SpanStart, rebound, SpeculativeBindingOption.BindAsExpression).Symbol is not IMethodSymbol after
                || after.Name != method.Name
                || !SymbolEqualityComparer.Default.Equals(after.ContainingType?.OriginalDefinition, method.ContainingType?.OriginalDefinition))
            {
                return false;
            }

            var reboundParameter = ParameterOf(after, argumentSyntax, index);
            return reboundParameter is { IsParams: false } && types.IsGenericEnumerable(reboundParameter.Type);
        }

        /// <summary>A result that cannot hold a reference to the argument: nothing, a string, a number, a <c>bool</c>, a <c>char</c> or an enum.</summary>
        private static bool KeepsNothing(IMethodSymbol method)
        {
            if (method.ReturnsVoid)
            {
                return true;
            }

            var type = method.ReturnType;
            return type.SpecialType == SpecialType.System_String
                || (type.IsValueType && (type.TypeKind == TypeKind.Enum || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_Double));
        }

        /// <summary>Cheap test before binding: some method of the same name and type takes <c>IEnumerable&lt;T&gt;</c> at that position.</summary>
        private static bool HasSequenceOverload(IMethodSymbol method, int ordinal, SequenceTypes types)
        {
            var original = method.OriginalDefinition;
            foreach (var member in original.ContainingType.GetMembers(original.Name))
            {
                if (member is IMethodSymbol overload && !SymbolEqualityComparer.Default.Equals(overload, original)
                    && overload.Parameters.Length > ordinal && types.IsGenericEnumerable(overload.Parameters[ordinal].Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The parameter of <paramref name="method"/> that takes the argument at <paramref name="index"/>, by name when it is named.</summary>
        private static IParameterSymbol? ParameterOf(IMethodSymbol method, ArgumentSyntax argument, int index)
        {
            if (argument.NameColon is { } nameColon)
            {
                foreach (var parameter in method.Parameters)
                {
                    if (parameter.Name == nameColon.Name.Identifier.ValueText)
                    {
                        return parameter;
                    }
                }

                return null;
            }

            return index < method.Parameters.Length ? method.Parameters[index] : null;
        }
    }
}
