using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace MemoryAnalyzers
{
    /// <summary>
    /// For MEM013, resolved once per compilation: the growable collections it looks at (<c>List&lt;T&gt;</c>,
    /// <c>HashSet&lt;T&gt;</c>, <c>Dictionary&lt;K,V&gt;</c>), the members of theirs that only read, the read-only
    /// interfaces a value may be passed as, and the reference tuples (<c>System.Tuple</c>, <c>Tuple&lt;T1..T7&gt;</c>).
    /// </summary>
    internal sealed class FixedCollectionTypes
    {
        /// <summary>The members that read a collection without changing it, by name; the one list of them, for the analyzer and the fixer.</summary>
        private static readonly string[] s_readingMembers =
        {
            "Count", "this[]", "Capacity", "Keys", "Values", "Comparer",
            "Contains", "ContainsKey", "ContainsValue", "TryGetValue", "IndexOf", "LastIndexOf", "BinarySearch",
            "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "TrueForAll", "ConvertAll",
            "GetRange", "Slice", "ToArray", "CopyTo", "ForEach", "GetEnumerator", "AsReadOnly",
            "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals",
        };

        private readonly ImmutableHashSet<ISymbol> _readingMembers;
        private readonly ImmutableHashSet<INamedTypeSymbol> _readOnlyInterfaces;
        private readonly ImmutableHashSet<INamedTypeSymbol> _tuples;

        private FixedCollectionTypes(
            INamedTypeSymbol list,
            INamedTypeSymbol? hashSet,
            INamedTypeSymbol? dictionary,
            INamedTypeSymbol? tuple,
            ImmutableHashSet<INamedTypeSymbol> tuples,
            ImmutableHashSet<INamedTypeSymbol> readOnlyInterfaces)
        {
            List = list;
            HashSet = hashSet;
            Dictionary = dictionary;
            Tuple = tuple;
            _tuples = tuples;
            _readOnlyInterfaces = readOnlyInterfaces;
            var members = ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var type in new[] { list, hashSet, dictionary })
            {
                if (type is null)
                {
                    continue;
                }

                foreach (var name in s_readingMembers)
                {
                    members.UnionWith(type.GetMembers(name));
                }
            }

            _readingMembers = members.ToImmutable();
        }

        public INamedTypeSymbol List { get; }

        public INamedTypeSymbol? HashSet { get; }

        public INamedTypeSymbol? Dictionary { get; }

        /// <summary>The static class <c>System.Tuple</c> with its <c>Create</c> methods.</summary>
        public INamedTypeSymbol? Tuple { get; }

        public static FixedCollectionTypes? TryCreate(Compilation compilation)
        {
            if (compilation.FindType("System.Collections.Generic.List`1") is not { } list)
            {
                return null;
            }

            var tuples = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            for (var arity = 2; arity <= 7; arity++)
            {
                if (compilation.FindType("System.Tuple`" + arity.ToString(System.Globalization.CultureInfo.InvariantCulture)) is { } tuple)
                {
                    tuples.Add(tuple);
                }
            }

            var interfaces = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var name in new[]
            {
                "System.Collections.IEnumerable",
                "System.Collections.Generic.IEnumerable`1",
                "System.Collections.Generic.IReadOnlyCollection`1",
                "System.Collections.Generic.IReadOnlyList`1",
                "System.Collections.Generic.IReadOnlyDictionary`2",
                "System.Collections.Generic.IReadOnlySet`1",
            })
            {
                if (compilation.FindType(name) is { } type)
                {
                    interfaces.Add(type);
                }
            }

            return new FixedCollectionTypes(
                list,
                compilation.FindType("System.Collections.Generic.HashSet`1"),
                compilation.FindType("System.Collections.Generic.Dictionary`2"),
                compilation.FindType("System.Tuple"),
                tuples.ToImmutable(),
                interfaces.ToImmutable());
        }

        /// <summary>A list, set or dictionary type (constructed from one of the three definitions).</summary>
        public bool IsCollection(ITypeSymbol? type)
            => type is INamedTypeSymbol { IsGenericType: true } named
                && (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, List)
                    || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, HashSet)
                    || SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Dictionary));

        public bool IsList(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, List);

        /// <summary><c>Tuple&lt;T1, T2&gt;</c> up to <c>Tuple&lt;T1, …, T7&gt;</c>: the arities a tuple literal can replace.</summary>
        public bool IsReferenceTuple(ITypeSymbol? type)
            => type is INamedTypeSymbol { IsGenericType: true } named && _tuples.Contains(named.OriginalDefinition);

        /// <summary><c>IEnumerable</c>, <c>IEnumerable&lt;T&gt;</c> and the <c>IReadOnly…</c> interfaces: nothing can change a collection through them.</summary>
        public bool IsReadOnlyInterface(ITypeSymbol? type)
            => type is INamedTypeSymbol named && _readOnlyInterfaces.Contains(named.OriginalDefinition);

        /// <summary>
        /// True when <paramref name="value"/>, a collection, is only read where it is used: enumerated by <c>foreach</c>,
        /// asked one of the reading members (an indexer only when read), or passed by value as a read-only interface. A
        /// value whose use changes it, keeps it (stored, returned, locked, compared by reference) or passes it as a mutable
        /// type is not.
        /// </summary>
        public bool IsOnlyRead(IOperation value)
        {
            var current = value;
            while (current.Parent is IConversionOperation { IsImplicit: true } conversion)
            {
                if (!conversion.Conversion.IsIdentity && !IsReadOnlyInterface(conversion.Type))
                {
                    return false;
                }

                current = conversion;
            }

            switch (current.Parent)
            {
                case IForEachLoopOperation loop:
                    return ReferenceEquals(loop.Collection, current);
                case IPropertyReferenceOperation property when ReferenceEquals(property.Instance, current):
                    return IsReadingMember(property.Property) && !IsWritten(property);
                case IInvocationOperation invocation when ReferenceEquals(invocation.Instance, current):
                    return IsReadingMember(invocation.TargetMethod);
                case IArgumentOperation { Parameter: { RefKind: RefKind.None } parameter }:
                    return IsReadOnlyInterface(parameter.Type);
                default:
                    return false;
            }
        }

        private bool IsReadingMember(ISymbol member)
            => _readingMembers.Contains(member.OriginalDefinition) || IsReadOnlyInterface(member.ContainingType);

        /// <summary>An indexer set (<c>map[key] = value</c>, <c>map[key] += 1</c>) or a reference taken to it.</summary>
        private static bool IsWritten(IOperation reference) => reference.Parent switch
        {
            IAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: not RefKind.None } => true,
            _ => false,
        };

        /// <summary>The allocations a list, set or dictionary of <paramref name="count"/> elements costs when built by adding them one by one (on .NET 8).</summary>
        public int AllocationsWhenAdded(INamedTypeSymbol type, int count)
        {
            if (IsList(type))
            {
                // The list, then backing arrays of 4, 8, 16, ... elements.
                var arrays = 1;
                for (var capacity = 4; capacity < count; capacity *= 2)
                {
                    arrays++;
                }

                return 1 + arrays;
            }

            // The set or dictionary, then buckets and entries for 3 elements, resized to the next prime above twice the size.
            var sizings = 1;
            for (var size = 3; size < count; size = NextPrime(2 * size))
            {
                sizings++;
            }

            return 1 + (2 * sizings);
        }

        /// <summary>The runtime's table of hash sizes (<c>HashHelpers.Primes</c>), as far as constant initializers reach.</summary>
        private static readonly int[] s_hashSizes =
        {
            3, 7, 11, 17, 23, 29, 37, 47, 59, 71, 89, 107, 131, 163, 197, 239, 293, 353, 431, 521, 631, 761, 919,
            1103, 1327, 1597, 1931, 2333, 2801, 3371, 4049, 4861, 5839, 7013, 8419, 10103,
        };

        private static int NextPrime(int minimum)
        {
            foreach (var size in s_hashSizes)
            {
                if (size >= minimum)
                {
                    return size;
                }
            }

            return minimum + 1;
        }

        /// <summary>The constants a collection initializer adds, counted; null when one element or key is not a constant.</summary>
        public static int? ConstantElementCount(IObjectOrCollectionInitializerOperation initializer)
        {
            var count = 0;
            foreach (var element in initializer.Initializers)
            {
                var constant = element switch
                {
                    IInvocationOperation add => AllConstant(add.Arguments),
                    ISimpleAssignmentOperation { Target: IPropertyReferenceOperation indexer } assignment
                        => AllConstant(indexer.Arguments) && IsConstant(assignment.Value),
                    _ => false,
                };
                if (!constant)
                {
                    return null;
                }

                count++;
            }

            return count == 0 ? null : count;
        }

        private static bool AllConstant(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (!IsConstant(argument.Value))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsConstant(IOperation value) => value.WithoutImplicitConversions().ConstantValue.HasValue;

        /// <summary>The members of a reference tuple that read it: its <c>Item1</c>…<c>Item7</c>.</summary>
        public bool IsItemRead(IOperation reference)
            => reference.Parent is IPropertyReferenceOperation property
                && ReferenceEquals(property.Instance, reference)
                && IsReferenceTuple(property.Property.ContainingType);

        /// <summary>Every local reference in <paramref name="references"/> satisfies <paramref name="predicate"/>, and there is one at least.</summary>
        public static bool AllAndAny(IReadOnlyList<ILocalReferenceOperation> references, System.Func<IOperation, bool> predicate)
        {
            foreach (var reference in references)
            {
                if (!predicate(reference))
                {
                    return false;
                }
            }

            return references.Count > 0;
        }
    }
}
