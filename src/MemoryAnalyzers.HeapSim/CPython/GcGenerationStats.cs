namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>One entry of <c>gc.get_stats()</c>.</summary>
    /// <param name="Collections">Collections of this generation.</param>
    /// <param name="Collected">Objects found unreachable and freed by them.</param>
    /// <param name="Uncollectable">Unreachable objects that could not be freed (always 0: no finalizers are simulated).</param>
    public readonly record struct GcGenerationStats(int Collections, long Collected, long Uncollectable);
}
