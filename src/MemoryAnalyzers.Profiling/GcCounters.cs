using System;
using System.Runtime.CompilerServices;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>
    /// The runtime's own counters read at one moment: allocated bytes, collections per generation, and the large object
    /// heap as the last collection saw it. Every measurement in this library is a difference of two of these.
    /// </summary>
    internal readonly record struct GcCounters(long AllocatedBytes, int Gen0, int Gen1, int Gen2)
    {
        public static long Allocated(AllocationScope scope)
            => scope == AllocationScope.CurrentThread ? GC.GetAllocatedBytesForCurrentThread() : GC.GetTotalAllocatedBytes(precise: true);

        public static GcCounters Read(AllocationScope scope)
            => new(Allocated(scope), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));

        /// <summary>
        /// A full, blocking, compacting collection, finalizers run, and a second collection for what they released: what
        /// is still on the heap afterwards is reachable. Non-inlined so that no caller's temporaries stay in its frame.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static void CollectFully()
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
    }
}
