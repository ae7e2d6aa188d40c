namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Geometry of CPython's small-object allocator (pymalloc / obmalloc).</summary>
    /// <param name="Name">Display name.</param>
    /// <param name="ArenaSize">Bytes per arena, obtained from the OS with mmap.</param>
    /// <param name="PoolSize">Bytes per pool; a pool serves one size class.</param>
    /// <param name="Alignment">Block granularity: size classes are multiples of this.</param>
    /// <param name="SmallRequestThreshold">Largest request served by pymalloc; bigger ones go to the system allocator.</param>
    /// <param name="PoolHeaderSize">Bytes of <c>struct pool_header</c> at the start of every pool (48 on 64-bit).</param>
    public sealed record ObmallocProfile(string Name, int ArenaSize, int PoolSize, int Alignment, int SmallRequestThreshold, int PoolHeaderSize)
    {
        /// <summary>
        /// The layout most tutorials describe (CPython up to 3.9): 256 KiB arenas, 4 KiB pools, 8-byte size classes.
        /// </summary>
        public static ObmallocProfile Tutorial { get; } = new("tutorial (256 KiB arenas, 4 KiB pools, 8-byte classes)", 256 * 1024, 4 * 1024, 8, 512, 48);

        /// <summary>
        /// CPython 3.12/3.13 on 64-bit: <c>ARENA_BITS 20</c> (1 MiB, <c>USE_LARGE_ARENAS</c>), <c>POOL_BITS 14</c>
        /// (16 KiB, <c>USE_LARGE_POOLS</c> with the radix tree), <c>ALIGNMENT 16</c>, <c>SMALL_REQUEST_THRESHOLD 512</c>,
        /// as defined in CPython's <c>Include/internal/pycore_obmalloc.h</c> (moved there from <c>Objects/obmalloc.c</c> in 3.12).
        /// </summary>
        public static ObmallocProfile Modern { get; } = new("CPython 3.12+ (1 MiB arenas, 16 KiB pools, 16-byte classes)", 1024 * 1024, 16 * 1024, 16, 512, 48);

        /// <summary>Number of size classes: <c>SMALL_REQUEST_THRESHOLD / ALIGNMENT</c>.</summary>
        public int SizeClassCount => SmallRequestThreshold / Alignment;

        /// <summary>Pools per arena, assuming the arena's address is pool-aligned (CPython loses one pool otherwise).</summary>
        public int PoolsPerArena => ArenaSize / PoolSize;
    }
}
