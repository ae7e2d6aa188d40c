using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// The garbage-collector API that MEM010 and MEM011 look for (<c>System.GC</c>, <c>System.Runtime.GCSettings</c>),
    /// resolved once per compilation and compared by symbol. The fixers use it too.
    /// </summary>
    internal sealed class GcMembers
    {
        /// <summary><c>GCCollectionMode.Optimized</c>: the runtime decides whether the collection is worth doing.</summary>
        public const int OptimizedCollectionMode = 2;

        /// <summary><c>GCLargeObjectHeapCompactionMode.CompactOnce</c>.</summary>
        public const int CompactOnce = 2;

        private GcMembers(INamedTypeSymbol gc, INamedTypeSymbol? settings, INamedTypeSymbol? collectionMode)
        {
            Gc = gc;
            Settings = settings;
            CollectionMode = collectionMode;
        }

        public INamedTypeSymbol Gc { get; }

        /// <summary><c>System.Runtime.GCSettings</c>; null where the reference assemblies lack it.</summary>
        public INamedTypeSymbol? Settings { get; }

        /// <summary><c>System.GCCollectionMode</c>.</summary>
        public INamedTypeSymbol? CollectionMode { get; }

        public static GcMembers? TryCreate(Compilation compilation)
            => compilation.FindType("System.GC") is { } gc
                ? new GcMembers(gc, compilation.FindType("System.Runtime.GCSettings"), compilation.FindType("System.GCCollectionMode"))
                : null;

        /// <summary>True for a call of <c>GC.<paramref name="name"/>(...)</c>, any overload.</summary>
        public bool IsGcCall(IOperation? operation, string name)
            => operation is IInvocationOperation invocation
                && invocation.TargetMethod.Name == name
                && SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, Gc);

        /// <summary>True for an assignment <c>GCSettings.<paramref name="property"/> = …</c>.</summary>
        public bool IsSettingsAssignment(IOperation? operation, string property)
            => operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target }
                && IsSettingsProperty(target, property);

        /// <summary>True for a read or write of the property <c>GCSettings.<paramref name="property"/></c>.</summary>
        public bool IsSettingsProperty(IOperation? operation, string property)
            => operation is IPropertyReferenceOperation reference
                && reference.Property.Name == property
                && Settings is not null
                && SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, Settings);
    }
}
