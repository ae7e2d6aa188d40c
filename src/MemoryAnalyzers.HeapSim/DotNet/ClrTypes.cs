namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>Types used by <see cref="ClrOps"/>.</summary>
    public static class ClrTypes
    {
        /// <summary><c>System.Object</c>.</summary>
        public static SimType Object { get; } = new("System.Object", true);

        /// <summary><c>System.String</c>.</summary>
        public static SimType String { get; } = new("System.String", false);

        /// <summary><c>System.Byte[]</c>.</summary>
        public static SimType ByteArray { get; } = new("System.Byte[]", false);

        /// <summary><c>System.Char[]</c>.</summary>
        public static SimType CharArray { get; } = new("System.Char[]", false);

        /// <summary><c>System.Int32[]</c>.</summary>
        public static SimType Int32Array { get; } = new("System.Int32[]", false);

        /// <summary><c>System.Object[]</c> (any reference-type array).</summary>
        public static SimType ObjectArray { get; } = new("System.Object[]", true);

        /// <summary><c>List&lt;T&gt;</c>.</summary>
        public static SimType List { get; } = new("System.Collections.Generic.List<T>", true);

        /// <summary><c>Dictionary&lt;TKey,TValue&gt;</c>.</summary>
        public static SimType Dictionary { get; } = new("System.Collections.Generic.Dictionary<TKey,TValue>", true);

        /// <summary><c>Dictionary</c>'s <c>Entry[]</c>.</summary>
        public static SimType DictionaryEntries { get; } = new("System.Collections.Generic.Dictionary<TKey,TValue>+Entry[]", true);

        /// <summary>A boxed value type.</summary>
        public static SimType Boxed { get; } = new("System.ValueType (boxed)", false);

        /// <summary>A delegate (<c>Func</c>, <c>Action</c>, event handler).</summary>
        public static SimType Delegate { get; } = new("System.Delegate", true);

        /// <summary>The compiler-generated closure class holding captured variables.</summary>
        public static SimType DisplayClass { get; } = new("<>c__DisplayClass", true);

        /// <summary><c>System.Text.StringBuilder</c> (one object per chunk).</summary>
        public static SimType StringBuilder { get; } = new("System.Text.StringBuilder", true);

        /// <summary><c>System.Tuple&lt;...&gt;</c>.</summary>
        public static SimType Tuple { get; } = new("System.Tuple", true);
    }
}
