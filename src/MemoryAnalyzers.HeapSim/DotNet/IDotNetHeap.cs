namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>
    /// A .NET-style heap: a generational tracing collector (gen0, gen1, gen2 and the large object heap) that marks from
    /// the roots; nothing is freed until a collection finds it unreachable.
    /// </summary>
    /// <remarks>
    /// <see cref="ISimHeap.Allocate"/> takes the object's raw size (header + fields or elements, before alignment);
    /// the heap stores it aligned to 8 bytes with a 24-byte minimum, and puts it on the LOH when the raw size is at least
    /// <see cref="DotNetGcSettings.LohThreshold"/>, as the runtime does (a <c>byte[84975]</c> is 84,999 bytes and stays in
    /// gen0; a <c>byte[84976]</c> is 85,000 and goes to the LOH). <see cref="ISimHeap.Collect"/>(n) collects generation n
    /// and all younger ones; the LOH is collected only with gen2.
    /// </remarks>
    public interface IDotNetHeap : ISimHeap
    {
        /// <summary>Collector budgets.</summary>
        DotNetGcSettings Settings { get; }

        /// <summary><c>GC.CollectionCount(generation)</c>: collections of that generation or an older one.</summary>
        int CollectionCount(int generation);

        /// <summary>True when the object lives on the large object heap.</summary>
        bool IsLargeObject(ObjectId obj);

        /// <summary>Bytes currently in a generation (0, 1, 2) or, for 3, on the large object heap.</summary>
        long GenerationBytes(int generation);
    }
}
