using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Usage of one size class.</summary>
    /// <param name="SizeClass">Class index.</param>
    /// <param name="BlockSize">Bytes per block.</param>
    /// <param name="Pools">Pools currently carved for this class (used or full).</param>
    /// <param name="BlocksInUse">Allocated blocks.</param>
    /// <param name="AvailableBlocks">Free blocks in those pools.</param>
    public readonly record struct SizeClassUsage(int SizeClass, int BlockSize, int Pools, long BlocksInUse, long AvailableBlocks);

    /// <summary>A snapshot of pymalloc's accounting, the numbers <c>sys._debugmallocstats()</c> prints.</summary>
    /// <param name="Profile">Allocator geometry.</param>
    /// <param name="Classes">Classes with at least one pool.</param>
    /// <param name="ArenasAllocated">Arenas currently held from the OS.</param>
    /// <param name="ArenasAllocatedTotal">Arenas ever obtained.</param>
    /// <param name="ArenasReclaimed">Arenas ever given back.</param>
    /// <param name="ArenasHighWater">Most arenas held at once.</param>
    /// <param name="FullPools">Pools with no free block.</param>
    /// <param name="UsedPools">Partially used pools.</param>
    /// <param name="EmptyPools">Carved pools with no allocated block, kept by their arena.</param>
    /// <param name="LargeBlocks">Live requests served by the system allocator.</param>
    /// <param name="LargeBytes">Bytes of those requests.</param>
    public sealed record PyMallocStats(
        ObmallocProfile Profile,
        IReadOnlyList<SizeClassUsage> Classes,
        int ArenasAllocated,
        long ArenasAllocatedTotal,
        long ArenasReclaimed,
        int ArenasHighWater,
        int FullPools,
        int UsedPools,
        int EmptyPools,
        long LargeBlocks,
        long LargeBytes)
    {
        /// <summary>Bytes held in arenas.</summary>
        public long ArenaBytes => (long)ArenasAllocated * Profile.ArenaSize;

        /// <summary>Bytes in allocated blocks.</summary>
        public long BytesInUse
        {
            get
            {
                long total = 0;
                foreach (SizeClassUsage c in Classes)
                {
                    total += c.BlocksInUse * c.BlockSize;
                }

                return total;
            }
        }

        /// <summary>Share of arena bytes not holding an allocated block (free blocks, empty pools, headers, untouched pools).</summary>
        public double Fragmentation => ArenaBytes == 0 ? 0 : 1.0 - ((double)BytesInUse / ArenaBytes);
    }
}
