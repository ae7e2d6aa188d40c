using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>Recognises the calls that copy a whole sequence (MEM006) and the local a copy is stored in.</summary>
    internal static class Materialization
    {
        /// <summary>
        /// The sequence copied by <c>Enumerable.ToList/ToArray(source)</c>, <c>list.ToArray()</c> (the method of
        /// <c>List&lt;T&gt;</c>) or <c>new List&lt;T&gt;(source)</c>, or null. Null also when the copy would change the
        /// element type seen by the consumer, or when the source is a query.
        /// </summary>
        public static IOperation? Source(IOperation operation, SequenceTypes types)
        {
            IOperation? source;
            ITypeSymbol? elementType;
            switch (operation)
            {
                case IInvocationOperation { TargetMethod: { Name: "ToList" or "ToArray", IsExtensionMethod: true } method } invocation
                    when SymbolEqualityComparer.Default.Equals(method.ContainingType, types.Enumerable) && invocation.Arguments.Length == 1 && method.TypeArguments.Length == 1:
                    source = invocation.Arguments[0].Value.WithoutImplicitConversions();
                    elementType = method.TypeArguments[0];
                    break;
                case IInvocationOperation { TargetMethod: { Name: "ToArray", IsStatic: false, Parameters.IsEmpty: true } method, Instance: { } instance }
                    when SingleEnumeration.IsConstructedFrom(method.ContainingType, types.List)
                        && instance is not (IInstanceReferenceOperation or IConditionalAccessInstanceOperation):
                    source = instance;
                    elementType = method.ContainingType.TypeArguments[0];
                    break;
                case IObjectCreationOperation { Constructor: { } constructor, Initializer: null } creation
                    when SingleEnumeration.IsConstructedFrom(constructor.ContainingType, types.List) && creation.Arguments.Length == 1
                        && types.IsGenericEnumerable(creation.Arguments[0].Parameter?.Type):
                    source = creation.Arguments[0].Value.WithoutImplicitConversions();
                    elementType = constructor.ContainingType.TypeArguments[0];
                    break;
                default:
                    return null;
            }

            var sourceType = source.Type;
            if (sourceType is null || sourceType.TypeKind == TypeKind.Error || source is IInvalidOperation || types.IsQueryable(sourceType)
                || sourceType.IsRefLikeType || sourceType.TypeKind == TypeKind.Dynamic)
            {
                return null;
            }

            // new List<object>(strings): without the copy the loop variable would become a string.
            return SymbolEqualityComparer.Default.Equals(types.ElementType(sourceType), elementType) ? source : null;
        }

        /// <summary>The call as the message names it: <c>ToList()</c>, <c>ToArray()</c> or <c>new List&lt;T&gt;(...)</c>.</summary>
        public static string Describe(IOperation materialization) => materialization switch
        {
            IInvocationOperation invocation => invocation.TargetMethod.Name + "()",
            IObjectCreationOperation creation => "new " + creation.Type?.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "(...)",
            _ => materialization.Syntax.ToString(),
        };
    }
}
