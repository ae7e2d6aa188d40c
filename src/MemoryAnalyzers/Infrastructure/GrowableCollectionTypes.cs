using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// For MEM016: the mutable collection types whose growth it follows (resolved once per compilation), which of them are
    /// keyed, and the key types whose values the program itself bounds.
    /// </summary>
    internal sealed class GrowableCollectionTypes
    {
        private readonly ImmutableHashSet<INamedTypeSymbol> _collections;
        private readonly ImmutableHashSet<INamedTypeSymbol> _keyed;
        private readonly ImmutableArray<INamedTypeSymbol> _closedBases;

        private GrowableCollectionTypes(ImmutableHashSet<INamedTypeSymbol> collections, ImmutableHashSet<INamedTypeSymbol> keyed, ImmutableArray<INamedTypeSymbol> closedBases)
        {
            _collections = collections;
            _keyed = keyed;
            _closedBases = closedBases;
        }

        public static GrowableCollectionTypes? TryCreate(Compilation compilation)
        {
            var collections = new[]
            {
                "System.Collections.Generic.Dictionary`2",
                "System.Collections.Generic.List`1",
                "System.Collections.Generic.HashSet`1",
                "System.Collections.Generic.Queue`1",
                "System.Collections.Generic.Stack`1",
                "System.Collections.Generic.SortedDictionary`2",
                "System.Collections.Generic.SortedList`2",
                "System.Collections.Generic.SortedSet`1",
                "System.Collections.Generic.LinkedList`1",
                "System.Collections.Concurrent.ConcurrentDictionary`2",
                "System.Collections.Concurrent.ConcurrentQueue`1",
                "System.Collections.Concurrent.ConcurrentStack`1",
                "System.Collections.Concurrent.ConcurrentBag`1",
            }.Select(compilation.FindType).Where(type => type is not null).Select(type => type!).ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            if (collections.IsEmpty)
            {
                return null;
            }

            var closedBases = new[]
            {
                "System.Reflection.MemberInfo",
                "System.Reflection.Assembly",
                "System.Reflection.Module",
                "System.Reflection.ParameterInfo",
                "System.RuntimeTypeHandle",
                "System.RuntimeMethodHandle",
                "System.RuntimeFieldHandle",
            }.Select(compilation.FindType).Where(type => type is not null).Select(type => type!).ToImmutableArray();
            var keyed = collections.Where(type => type.Name is "Dictionary" or "SortedDictionary" or "SortedList" or "ConcurrentDictionary" or "HashSet" or "SortedSet")
                .ToImmutableHashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            return new GrowableCollectionTypes(collections, keyed, closedBases);
        }

        public bool IsCandidate(IFieldSymbol field)
            => field.IsStatic
                && !field.IsConst
                && field.Type is INamedTypeSymbol { IsGenericType: true } type
                && _collections.Contains(type.OriginalDefinition)
                && !field.GetAttributes().Any(attribute => attribute.AttributeClass is { Name: "ThreadStaticAttribute" });

        /// <summary>A dictionary or set: adding a key it holds already does not make it grow.</summary>
        public bool IsKeyed(ITypeSymbol type) => type is INamedTypeSymbol named && _keyed.Contains(named.OriginalDefinition);

        /// <summary>Types whose distinct values the program itself bounds: reflection objects, enums, bool, and tuples of them.</summary>
        public bool IsClosedSet(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                return IsClosedSet(nullable.TypeArguments[0]);
            }

            if (type.SpecialType == SpecialType.System_Boolean || type.TypeKind == TypeKind.Enum)
            {
                return true;
            }

            if (type is INamedTypeSymbol { IsTupleType: true } tuple)
            {
                return tuple.TupleElements.All(element => IsClosedSet(element.Type));
            }

            for (var current = type; current is not null; current = current.BaseType)
            {
                if (_closedBases.Contains(current.OriginalDefinition, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
