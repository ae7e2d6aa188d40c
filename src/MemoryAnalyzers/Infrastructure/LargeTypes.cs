using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>
    /// What MEM002 and MEM003 call a "large" object: an array, a string, a collection (<c>ICollection</c>,
    /// <c>ICollection&lt;T&gt;</c>, <c>IReadOnlyCollection&lt;T&gt;</c>), a <c>Stream</c>, or a type the user lists.
    /// Resolved once per compilation.
    /// </summary>
    internal sealed class LargeTypes
    {
        private readonly INamedTypeSymbol? _collection;
        private readonly INamedTypeSymbol? _genericCollection;
        private readonly INamedTypeSymbol? _readOnlyCollection;
        private readonly INamedTypeSymbol? _stream;

        public LargeTypes(Compilation compilation)
        {
            _collection = compilation.FindType("System.Collections.ICollection");
            _genericCollection = compilation.FindType("System.Collections.Generic.ICollection`1");
            _readOnlyCollection = compilation.FindType("System.Collections.Generic.IReadOnlyCollection`1");
            _stream = compilation.FindType("System.IO.Stream");
        }

        public bool IsLarge(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> extraTypes)
        {
            switch (type)
            {
                case null:
                case IErrorTypeSymbol:
                    return false;
                case IArrayTypeSymbol:
                    return true;
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return true;
            }

            if (type is not INamedTypeSymbol named || named.IsValueType)
            {
                return false;
            }

            if (IsCollectionInterface(named) || DerivesFrom(named, _stream) || IsListed(named, extraTypes))
            {
                return true;
            }

            foreach (var implemented in named.AllInterfaces)
            {
                if (IsCollectionInterface(implemented))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A word for the message: array, string, stream, collection or object.</summary>
        public string Describe(ITypeSymbol type)
        {
            if (type is IArrayTypeSymbol)
            {
                return "array";
            }

            if (type.SpecialType == SpecialType.System_String)
            {
                return "string";
            }

            if (type is INamedTypeSymbol named)
            {
                if (DerivesFrom(named, _stream))
                {
                    return "stream";
                }

                if (IsCollectionInterface(named))
                {
                    return "collection";
                }

                foreach (var implemented in named.AllInterfaces)
                {
                    if (IsCollectionInterface(implemented))
                    {
                        return "collection";
                    }
                }
            }

            return "object";
        }

        private bool IsCollectionInterface(INamedTypeSymbol type)
        {
            var definition = type.OriginalDefinition;
            return SymbolEqualityComparer.Default.Equals(definition, _collection)
                || SymbolEqualityComparer.Default.Equals(definition, _genericCollection)
                || SymbolEqualityComparer.Default.Equals(definition, _readOnlyCollection);
        }

        private static bool DerivesFrom(INamedTypeSymbol type, INamedTypeSymbol? baseType)
        {
            if (baseType is null)
            {
                return false;
            }

            for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsListed(INamedTypeSymbol type, ImmutableArray<INamedTypeSymbol> extraTypes)
        {
            foreach (var listed in extraTypes)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, listed) || DerivesFrom(type, listed))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
