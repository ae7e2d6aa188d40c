using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// MEM002's "small part" of a captured variable: an element at an index that does not depend on the closure
    /// (<c>big[0]</c>, <c>big[^1]</c>, <c>big[i]</c> with <c>i</c> captured), <c>.Length</c>/<c>.Count</c> or any
    /// property or field chain that ends in a value type or a string, or <c>Count()</c>/<c>First()</c>/<c>Last()</c>
    /// without arguments. Anything else (a loop over it, a call on it, passing it on, writing an element) needs the
    /// whole object.
    /// </summary>
    internal static class SmallProjections
    {
        /// <summary>The operation that reads the small part, or null when the reference needs the whole object.</summary>
        public static IOperation? Of(IOperation reference, IOperation function, INamedTypeSymbol? enumerable)
        {
            IOperation? projection;
            switch (reference.Parent)
            {
                case IArrayElementReferenceOperation element when ReferenceEquals(element.ArrayReference, reference):
                    projection = AllIndependent(element.Indices, function) ? element : null;
                    break;
                case IImplicitIndexerReferenceOperation indexer when ReferenceEquals(indexer.Instance, reference):
                    projection = IsIndependent(indexer.Argument, function) ? indexer : null;
                    break;
                case IPropertyReferenceOperation { Arguments.IsEmpty: false } indexer when ReferenceEquals(indexer.Instance, reference):
                    projection = AllArgumentsIndependent(indexer, function) ? indexer : null;
                    break;
                case IPropertyReferenceOperation or IFieldReferenceOperation:
                    projection = ValueChain((IMemberReferenceOperation)reference.Parent, reference);
                    break;
                default:
                    projection = EnumerableCall(reference, enumerable);
                    break;
            }

            return projection is not null && IsOnlyRead(projection, function) ? projection : null;
        }

        /// <summary><c>big.A.B</c>: member reads through <paramref name="reference"/> that end in a value type or string.</summary>
        private static IOperation? ValueChain(IMemberReferenceOperation first, IOperation reference)
        {
            if (!ReferenceEquals(first.Instance, reference))
            {
                return null;
            }

            IOperation current = first;
            while (current.Parent is IMemberReferenceOperation next and (IPropertyReferenceOperation { Arguments.IsEmpty: true } or IFieldReferenceOperation)
                && ReferenceEquals(next.Instance, current))
            {
                current = next;
            }

            if (current is IPropertyReferenceOperation { Arguments.IsEmpty: false })
            {
                return null;
            }

            return current.Type is { } type && type.TypeKind != TypeKind.Error && (type.IsValueType || type.SpecialType == SpecialType.System_String)
                ? current
                : null;
        }

        private static IOperation? EnumerableCall(IOperation reference, INamedTypeSymbol? enumerable)
        {
            var current = reference;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                current = conversion;
            }

            if (current.Parent is IArgumentOperation { Parent: IInvocationOperation invocation }
                && invocation.Arguments.Length == 1
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, enumerable)
                && invocation.TargetMethod.Name is "Count" or "LongCount" or "First" or "Last" or "FirstOrDefault" or "LastOrDefault")
            {
                return invocation;
            }

            return null;
        }

        /// <summary>Read as a value: not written, not passed by reference, and not the receiver of a call on a struct element.</summary>
        private static bool IsOnlyRead(IOperation projection, IOperation function)
        {
            var parent = projection.Parent;
            switch (parent)
            {
                case IAssignmentOperation assignment when ReferenceEquals(assignment.Target, projection):
                case IIncrementOrDecrementOperation:
                case IAddressOfOperation:
                case IArgumentOperation { Parameter.RefKind: not RefKind.None }:
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } }:
                case IReturnOperation when function is IAnonymousFunctionOperation { Symbol.ReturnsByRef: true } or ILocalFunctionOperation { Symbol.ReturnsByRef: true }:
                    return false;
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, projection):
                case IMemberReferenceOperation member when ReferenceEquals(member.Instance, projection):
                    // A call or member access on a struct element works on the element in place.
                    return projection.Type is { IsValueType: false };
                default:
                    return true;
            }
        }

        private static bool AllIndependent(System.Collections.Immutable.ImmutableArray<IOperation> indices, IOperation function)
        {
            foreach (var index in indices)
            {
                if (!IsIndependent(index, function))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool AllArgumentsIndependent(IPropertyReferenceOperation indexer, IOperation function)
        {
            foreach (var argument in indexer.Arguments)
            {
                if (!IsIndependent(argument.Value, function))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>A constant, <c>^constant</c>, or a variable declared outside the closure: nothing the closure's parameters or locals change.</summary>
        private static bool IsIndependent(IOperation index, IOperation function)
        {
            index = index.WithoutImplicitConversions();
            if (index.ConstantValue.HasValue)
            {
                return true;
            }

            switch (index)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Hat } hat:
                    return IsIndependent(hat.Operand, function);
                case ILocalReferenceOperation local:
                    return !IsInside(local.Local, function);
                case IParameterReferenceOperation parameter:
                    return !IsInside(parameter.Parameter, function);
                default:
                    return false;
            }
        }

        private static bool IsInside(ISymbol variable, IOperation function)
        {
            foreach (var reference in variable.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == function.Syntax.SyntaxTree && function.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
