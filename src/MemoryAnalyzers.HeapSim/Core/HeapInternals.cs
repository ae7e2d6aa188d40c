using System;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>Access to the payload fields the operation layers keep on objects (lengths, capacities).</summary>
    internal static class HeapInternals
    {
        public static SimHeapBase Of(ISimHeap heap) =>
            heap as SimHeapBase ?? throw new ArgumentException("Operations need a heap created by HeapSimulator.", nameof(heap));
    }
}
