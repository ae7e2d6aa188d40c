namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// The type of a simulated object. Types compare by value, so two heaps agree on "list" or "System.String".
    /// </summary>
    /// <param name="Name">Display name used by the profiling views (e.g. <c>list</c>, <c>System.String</c>).</param>
    /// <param name="IsContainer">
    /// True when objects of this type may hold references. In the CPython model only containers are tracked by
    /// the cyclic collector, and non-containers must be allocated with zero reference slots.
    /// </param>
    public sealed record SimType(string Name, bool IsContainer)
    {
        /// <inheritdoc />
        public override string ToString() => Name;
    }
}
