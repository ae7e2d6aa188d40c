using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>Reads of a variable that cannot change what it holds (MEM006, MEM007, MEM009 ask before they call a copy unneeded).</summary>
    internal static class HarmlessReads
    {
        /// <summary>
        /// A read of a variable the source depends on that cannot change it: a LINQ operator's source, a <c>foreach</c>
        /// collection, the instance of a member read (the member is checked on its own), or the receiver of a lookup.
        /// </summary>
        public static bool IsHarmlessRead(IOperation reference, INamedTypeSymbol enumerable)
        {
            var value = SingleEnumeration.OutermostConversion(reference);
            switch (value.Parent)
            {
                case IArgumentOperation { Parent: IInvocationOperation invocation } argument:
                    return argument.Parameter?.RefKind is null or RefKind.None or RefKind.In
                        && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, enumerable);
                case IForEachLoopOperation loop:
                    return ReferenceEquals(loop.Collection, value);
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, value):
                    return !IsWritten(property);
                case IFieldReferenceOperation field when ReferenceEquals(field.Instance, value):
                    return !IsWritten(field);
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, value):
                    return IsLookup(invocation.TargetMethod.Name);
                case IExpressionStatementOperation:
                case IConditionalAccessOperation:
                    return false;
                default:
                    // Compared, printed, interpolated: read as a value, not changed.
                    return value.Parent is IBinaryOperation or IInterpolationOperation or IIsPatternOperation or IIsTypeOperation;
            }
        }

        private static bool IsWritten(IOperation member)
            => member.Parent is IAssignmentOperation assignment && ReferenceEquals(assignment.Target, member)
                || member.Parent is IIncrementOrDecrementOperation;

        private static bool IsLookup(string name)
            => name is "Contains" or "ContainsKey" or "ContainsValue" or "TryGetValue" or "IndexOf" or "LastIndexOf" or "ToString"
                or "Equals" or "GetHashCode" or "StartsWith" or "EndsWith" or "GetValueOrDefault";
    }
}
