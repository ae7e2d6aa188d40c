namespace MemoryAnalyzers.Profiling
{
    /// <summary>What a <see cref="MemoryProfile"/> measures at each mark.</summary>
    public sealed class MemoryProfileOptions
    {
        /// <summary>Whose allocations count: every thread (the default) or only the one that calls <see cref="MemoryProfile.Mark"/>.</summary>
        public AllocationScope Scope { get; init; } = AllocationScope.AllThreads;

        /// <summary>
        /// Measure bytes allocated on the large object heap (on by default). Costs one induced gen0 collection per mark,
        /// which is not counted in the step's collections; off, no collection is induced.
        /// </summary>
        public bool LargeObjectHeap { get; init; } = true;

        /// <summary>
        /// Measure the bytes still reachable at each mark (off by default). Costs a full blocking collection per mark, which
        /// also promotes everything alive to gen2; the next step's figures do not count it.
        /// </summary>
        public bool Retained { get; init; }
    }
}
