using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// Methods that run a lambda once per element, so that the lambda's body is a loop body:
    /// <c>List&lt;T&gt;.ForEach</c>, <c>Array.ForEach</c> and <c>Parallel.For*</c>. Resolved once per compilation.
    /// </summary>
    internal sealed class LoopCallbackTypes
    {
        private readonly INamedTypeSymbol? _list;
        private readonly INamedTypeSymbol? _array;
        private readonly INamedTypeSymbol? _parallel;

        public LoopCallbackTypes(Compilation compilation)
        {
            _list = compilation.FindType("System.Collections.Generic.List`1");
            _array = compilation.GetSpecialType(SpecialType.System_Array);
            _parallel = compilation.FindType("System.Threading.Tasks.Parallel");
        }

        /// <summary>True when the lambda is passed straight to a method that invokes it once per element.</summary>
        public bool IsLoopBody(IAnonymousFunctionOperation lambda)
        {
            if (lambda.Parent is not IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation invocation } })
            {
                return false;
            }

            var method = invocation.TargetMethod;
            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, _list) || SymbolEqualityComparer.Default.Equals(type, _array))
            {
                return method.Name == "ForEach";
            }

            return SymbolEqualityComparer.Default.Equals(type, _parallel) && method.Name.StartsWith("For", System.StringComparison.Ordinal);
        }
    }
}
