using Microsoft.CodeAnalysis;

namespace MemoryAnalyzers
{
    /// <summary>The well-known types of MEM017, resolved once per compilation.</summary>
    internal sealed class RecordLikeTypes
    {
        private RecordLikeTypes(INamedTypeSymbol dictionary, INamedTypeSymbol? dictionaryInterface, INamedTypeSymbol? expando)
        {
            Dictionary = dictionary;
            DictionaryInterface = dictionaryInterface;
            Expando = expando;
        }

        /// <summary><c>Dictionary&lt;TKey, TValue&gt;</c>, unconstructed.</summary>
        public INamedTypeSymbol Dictionary { get; }

        /// <summary><c>IDictionary&lt;TKey, TValue&gt;</c>, unconstructed.</summary>
        public INamedTypeSymbol? DictionaryInterface { get; }

        public INamedTypeSymbol? Expando { get; }

        public static RecordLikeTypes? TryCreate(Compilation compilation)
            => compilation.FindType("System.Collections.Generic.Dictionary`2") is { } dictionary
                ? new RecordLikeTypes(
                    dictionary,
                    compilation.FindType("System.Collections.Generic.IDictionary`2"),
                    compilation.FindType("System.Dynamic.ExpandoObject"))
                : null;

        /// <summary>The cheap first test: a created <c>Dictionary&lt;string, T&gt;</c> or <c>ExpandoObject</c>.</summary>
        public bool IsCandidate(ITypeSymbol? created)
            => created is INamedTypeSymbol named
                && ((SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, Dictionary) && named.TypeArguments[0].SpecialType == SpecialType.System_String)
                    || SymbolEqualityComparer.Default.Equals(named, Expando));
    }

    /// <summary>How a read of a record-like local names its key.</summary>
    internal enum RecordReadKind
    {
        /// <summary><c>d["key"]</c>, or <c>e.Key</c> on an ExpandoObject through <c>dynamic</c>.</summary>
        Indexer,

        /// <summary><c>d.TryGetValue("key", out …)</c>.</summary>
        TryGetValue,
    }

    /// <summary>One key set when the local is created, with the value it gets.</summary>
    internal sealed class RecordEntry
    {
        public RecordEntry(string key, IOperation value)
        {
            Key = key;
            Value = value;
        }

        public string Key { get; }

        /// <summary>The value as written, without the conversion to the dictionary's value type.</summary>
        public IOperation Value { get; }
    }

    /// <summary>One read of the local with a constant key.</summary>
    internal sealed class RecordRead
    {
        public RecordRead(string key, RecordReadKind kind, IOperation operation)
        {
            Key = key;
            Kind = kind;
            Operation = operation;
        }

        public string Key { get; }

        public RecordReadKind Kind { get; }

        /// <summary>The indexer or dynamic member reference, or the <c>TryGetValue</c> invocation.</summary>
        public IOperation Operation { get; }
    }
}
