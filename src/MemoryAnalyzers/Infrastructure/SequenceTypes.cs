using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>The collection and LINQ types the single-enumeration rules (MEM006, MEM007) need, resolved once per compilation.</summary>
    internal sealed class SequenceTypes
    {
        private SequenceTypes(Compilation compilation, INamedTypeSymbol enumerable, INamedTypeSymbol list, INamedTypeSymbol genericEnumerable)
        {
            Enumerable = enumerable;
            List = list;
            GenericEnumerable = genericEnumerable;
            HashSet = compilation.FindType("System.Collections.Generic.HashSet`1");
            Queryable = compilation.FindType("System.Linq.IQueryable");
            String = compilation.GetSpecialType(SpecialType.System_String);
            Callbacks = new LoopCallbackTypes(compilation);
        }

        public INamedTypeSymbol Enumerable { get; }

        public INamedTypeSymbol List { get; }

        public INamedTypeSymbol GenericEnumerable { get; }

        public INamedTypeSymbol? HashSet { get; }

        public INamedTypeSymbol? Queryable { get; }

        public INamedTypeSymbol String { get; }

        public LoopCallbackTypes Callbacks { get; }

        /// <summary>Null when the compilation has no LINQ or no <c>List&lt;T&gt;</c>: the rules then register nothing.</summary>
        public static SequenceTypes? TryCreate(Compilation compilation)
        {
            var enumerable = compilation.FindType("System.Linq.Enumerable");
            var list = compilation.FindType("System.Collections.Generic.List`1");
            var genericEnumerable = compilation.FindType("System.Collections.Generic.IEnumerable`1");
            return enumerable is null || list is null || genericEnumerable is null
                ? null
                : new SequenceTypes(compilation, enumerable, list, genericEnumerable);
        }

        /// <summary>LINQ operators that enumerate their source at once and keep nothing of it afterwards.</summary>
        public static readonly ImmutableHashSet<string> ImmediateOperators = ImmutableHashSet.Create(
            "Count", "LongCount", "Any", "All", "First", "FirstOrDefault", "Last", "LastOrDefault", "Single", "SingleOrDefault",
            "Sum", "Min", "Max", "MinBy", "MaxBy", "Average", "Contains", "Aggregate", "ElementAt", "ElementAtOrDefault",
            "ToList", "ToArray", "ToDictionary", "ToHashSet", "ToLookup", "SequenceEqual");

        /// <summary>LINQ operators that return a deferred sequence over their source: fine only when that sequence is itself consumed at once.</summary>
        public static readonly ImmutableHashSet<string> DeferredOperators = ImmutableHashSet.Create(
            "Where", "Select", "SelectMany", "OrderBy", "OrderByDescending", "Skip", "Take", "SkipWhile", "TakeWhile",
            "Distinct", "DistinctBy", "Reverse", "GroupBy", "Cast", "OfType", "Zip", "Chunk", "Append", "Prepend", "DefaultIfEmpty",
            "Concat", "Union", "Except", "Intersect");

        public bool IsGenericEnumerable(ITypeSymbol? type)
            => type is INamedTypeSymbol { IsGenericType: true } named && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, GenericEnumerable);

        /// <summary>True for <c>IQueryable</c> sources: materialising runs the query, and the copy may outlive the connection.</summary>
        public bool IsQueryable(ITypeSymbol? type)
        {
            if (type is null || Queryable is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type, Queryable))
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (SymbolEqualityComparer.Default.Equals(implemented, Queryable))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The element type T when <paramref name="type"/> is or implements <c>IEnumerable&lt;T&gt;</c> exactly once.</summary>
        public ITypeSymbol? ElementType(ITypeSymbol? type)
        {
            if (type is null)
            {
                return null;
            }

            if (IsGenericEnumerable(type))
            {
                return ((INamedTypeSymbol)type).TypeArguments[0];
            }

            ITypeSymbol? found = null;
            foreach (var implemented in type.AllInterfaces)
            {
                if (IsGenericEnumerable(implemented))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = implemented.TypeArguments[0];
                }
            }

            return found;
        }
    }
}
