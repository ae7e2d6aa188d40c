namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Built-in CPython types used by <see cref="PyOps"/>.</summary>
    public static class PyTypes
    {
        /// <summary><c>int</c>.</summary>
        public static SimType Int { get; } = new("int", false);

        /// <summary><c>float</c>.</summary>
        public static SimType Float { get; } = new("float", false);

        /// <summary><c>str</c>.</summary>
        public static SimType Str { get; } = new("str", false);

        /// <summary><c>list</c>.</summary>
        public static SimType List { get; } = new("list", true);

        /// <summary><c>tuple</c>.</summary>
        public static SimType Tuple { get; } = new("tuple", true);

        /// <summary><c>dict</c>.</summary>
        public static SimType Dict { get; } = new("dict", true);

        /// <summary><c>set</c>.</summary>
        public static SimType Set { get; } = new("set", true);

        /// <summary><c>generator</c>: a generator expression's object and frame.</summary>
        public static SimType Generator { get; } = new("generator", true);

        /// <summary>Instances of a user class.</summary>
        public static SimType Class(string name) => new(name, true);

        /// <summary>The <c>__dict__</c> of instances of a user class (guppy's "dict of C").</summary>
        public static SimType DictOf(string className) => new("dict of " + className, true);
    }
}
