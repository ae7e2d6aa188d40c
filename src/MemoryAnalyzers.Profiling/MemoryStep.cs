using System;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>What one step of a <see cref="MemoryProfile"/> cost: everything from the previous mark (or the start) to this one.</summary>
    /// <param name="Name">The name given to <see cref="MemoryProfile.Mark"/>.</param>
    /// <param name="AllocatedBytes">Bytes allocated in the step, precise, by the threads <see cref="MemoryProfileOptions.Scope"/> names.</param>
    /// <param name="Gen0Collections">Collections of gen0 (or older) during the step, not counting the profile's own.</param>
    /// <param name="Gen1Collections">Collections of gen1 (or older) during the step.</param>
    /// <param name="Gen2Collections">Full collections during the step.</param>
    /// <param name="LargeObjectHeapBytes">
    /// Bytes allocated on the large object heap in the step (objects of 85,000 bytes or more), by any thread; null when
    /// <see cref="MemoryProfileOptions.LargeObjectHeap"/> is off.
    /// </param>
    /// <param name="LargeObjectHeapExact">False when more than one full collection ran in the step: the figure is then a lower bound.</param>
    /// <param name="HeapSizeBytes">Bytes in use on the managed heap at the end of the step (after a gen0 collection when the large object heap is measured).</param>
    /// <param name="RetainedBytes">Bytes still reachable after a full collection at the end of the step; null unless <see cref="MemoryProfileOptions.Retained"/> is on.</param>
    /// <param name="Elapsed">Wall-clock time of the step, without the profile's own collections.</param>
    public sealed record MemoryStep(
        string Name,
        long AllocatedBytes,
        int Gen0Collections,
        int Gen1Collections,
        int Gen2Collections,
        long? LargeObjectHeapBytes,
        bool LargeObjectHeapExact,
        long HeapSizeBytes,
        long? RetainedBytes,
        TimeSpan Elapsed);
}
