namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>State of a pymalloc pool.</summary>
    public enum PoolState
    {
        /// <summary>Some blocks allocated, some free: on its class's <c>usedpools</c> list.</summary>
        Used,
        /// <summary>All blocks allocated: on no list.</summary>
        Full,
        /// <summary>No block allocated: on its arena's free-pool list, ready for any class.</summary>
        Empty,
    }
}
