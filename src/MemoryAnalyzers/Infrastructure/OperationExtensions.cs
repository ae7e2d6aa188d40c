using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    internal static class OperationExtensions
    {
        /// <summary>Removes the implicit conversions the compiler inserts around operands (boxing to object and the like).</summary>
        public static IOperation WithoutImplicitConversions(this IOperation operation)
        {
            while (operation is IConversionOperation { IsImplicit: true } conversion)
            {
                operation = conversion.Operand;
            }

            return operation;
        }

        /// <summary>The argument for the parameter at <paramref name="ordinal"/> (named arguments may come in any order); null when none.</summary>
        public static IOperation? ArgumentFor(this IInvocationOperation call, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>The local or parameter a reference names, or null for anything else.</summary>
        public static ISymbol? LocalOrParameter(this IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local,
            IParameterReferenceOperation parameter => parameter.Parameter,
            _ => null,
        };

        /// <summary>The declared type of a local or a parameter; null for any other symbol.</summary>
        public static ITypeSymbol? TypeOfLocalOrParameter(this ISymbol variable) => variable switch
        {
            ILocalSymbol local => local.Type,
            IParameterSymbol parameter => parameter.Type,
            _ => null,
        };

        /// <summary>The variable a reference names: a local, a parameter, a field or a property; null for anything else.</summary>
        public static ISymbol? ReferencedVariable(this IOperation operation) => operation switch
        {
            IFieldReferenceOperation field => field.Field,
            IPropertyReferenceOperation property => property.Property,
            _ => operation.LocalOrParameter(),
        };

        /// <summary>
        /// True when both operations denote the same storage location: the same local or parameter,
        /// or the same field or property (without arguments) on the same stable instance.
        /// </summary>
        public static bool IsSameVariableAs(this IOperation left, IOperation right)
        {
            left = left.WithoutImplicitConversions();
            right = right.WithoutImplicitConversions();
            switch (left)
            {
                case ILocalReferenceOperation leftLocal:
                    return right is ILocalReferenceOperation rightLocal
                        && SymbolEqualityComparer.Default.Equals(leftLocal.Local, rightLocal.Local);
                case IParameterReferenceOperation leftParameter:
                    return right is IParameterReferenceOperation rightParameter
                        && SymbolEqualityComparer.Default.Equals(leftParameter.Parameter, rightParameter.Parameter);
                case IFieldReferenceOperation leftField:
                    return right is IFieldReferenceOperation rightField
                        && SymbolEqualityComparer.Default.Equals(leftField.Field, rightField.Field)
                        && IsSameInstance(leftField.Instance, rightField.Instance);
                case IPropertyReferenceOperation leftProperty:
                    return right is IPropertyReferenceOperation rightProperty
                        && leftProperty.Arguments.IsEmpty
                        && rightProperty.Arguments.IsEmpty
                        && SymbolEqualityComparer.Default.Equals(leftProperty.Property, rightProperty.Property)
                        && IsSameInstance(leftProperty.Instance, rightProperty.Instance);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True for a storage location whose identity cannot change between evaluations: a local, a parameter,
        /// or a field or argument-less property reached through such locations (or through <c>this</c>).
        /// </summary>
        public static bool IsStableVariable(this IOperation operation)
        {
            switch (operation.WithoutImplicitConversions())
            {
                case ILocalReferenceOperation:
                case IParameterReferenceOperation:
                    return true;
                case IFieldReferenceOperation field:
                    return IsStableInstance(field.Instance);
                case IPropertyReferenceOperation property:
                    return property.Arguments.IsEmpty && IsStableInstance(property.Instance);
                default:
                    return false;
            }
        }

        /// <summary>
        /// The operation a chain of member reads starts from: <c>a</c> in <c>a.B.Text</c>, through conversions, fields and
        /// properties; null when the chain starts at a static member.
        /// </summary>
        public static IOperation? RootOfMemberChain(this IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IPropertyReferenceOperation property:
                        operation = property.Instance;
                        break;
                    case IFieldReferenceOperation field:
                        operation = field.Instance;
                        break;
                    default:
                        return operation;
                }
            }
        }

        private static bool IsStableInstance(IOperation? instance)
            => instance is null || instance is IInstanceReferenceOperation || instance.IsStableVariable();

        private static bool IsSameInstance(IOperation? left, IOperation? right)
        {
            if (left is null || right is null)
            {
                return left is null && right is null;
            }

            if (left is IInstanceReferenceOperation)
            {
                return right is IInstanceReferenceOperation;
            }

            return left.IsSameVariableAs(right);
        }
    }
}
