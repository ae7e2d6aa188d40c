using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>
    /// pymalloc's bookkeeping: arenas carved into pools, pools carved into equal blocks of one size class. Only counts
    /// are simulated (no addresses), which is all the statistics and the fragmentation figures need.
    /// </summary>
    /// <remarks>
    /// Like <c>Objects/obmalloc.c</c>: a class takes blocks from the first pool on its <c>usedpools</c> list; a new pool
    /// comes from the allocated arena with the fewest free pools (CPython keeps <c>usable_arenas</c> sorted that way so
    /// nearly-empty arenas drain and can be released); a pool that empties returns to its arena; an arena whose pools
    /// are all empty is given back to the OS.
    /// </remarks>
    internal sealed class PyMallocAllocator
    {
        /// <summary>Handle returned for requests served by the system allocator.</summary>
        public const int SystemBlock = -2;

        private struct Pool
        {
            public int SizeClass;
            public int InUse;
            public int Capacity;
            public int Prev;
            public int Next;
            public int NextFree;
            public PoolState State;
        }

        private struct Arena
        {
            public bool Allocated;
            public int FreePools;
            public int Untouched;
            public int FreePoolHead;
        }

        private readonly ObmallocProfile _profile;
        private readonly int _poolsPerArena;
        private readonly int[] _usedHeads;
        private readonly long[] _classInUse;
        private readonly long[] _classRequested;
        private readonly int[] _classPools;
        private Pool[] _pools = Array.Empty<Pool>();
        private Arena[] _arenas = Array.Empty<Arena>();
        private int _arenaSlots;
        private int _fullPools;
        private int _usedPools;
        private int _emptyPools;

        public PyMallocAllocator(ObmallocProfile profile)
        {
            _profile = profile;
            _poolsPerArena = profile.PoolsPerArena;
            int classes = profile.SizeClassCount;
            _usedHeads = new int[classes];
            Array.Fill(_usedHeads, -1);
            _classInUse = new long[classes];
            _classRequested = new long[classes];
            _classPools = new int[classes];
        }

        public ObmallocProfile Profile => _profile;

        public int ArenasAllocated { get; private set; }

        public long ArenasAllocatedTotal { get; private set; }

        public long ArenasReclaimed { get; private set; }

        public int ArenasHighWater { get; private set; }

        public long LargeBlocks { get; private set; }

        public long LargeBytes { get; private set; }

        /// <summary>What the process holds for this allocator: arenas plus system-allocated blocks.</summary>
        public long FootprintBytes => ((long)ArenasAllocated * _profile.ArenaSize) + LargeBytes;

        public PoolState StateOfPool(int pool) => _pools[pool].State;

        public int Malloc(int nbytes)
        {
            if (!SizeClassPolicy.IsSmall(nbytes, _profile))
            {
                LargeBlocks++;
                LargeBytes += nbytes;
                return SystemBlock;
            }

            int cls = SizeClassPolicy.SizeClassIndex(nbytes, _profile);
            int p = _usedHeads[cls];
            if (p < 0)
            {
                p = NewPool(cls);
            }

            ref Pool pool = ref _pools[p];
            pool.InUse++;
            _classInUse[cls]++;
            _classRequested[cls] += nbytes;
            if (pool.InUse == pool.Capacity)
            {
                Unlink(p);
                pool.State = PoolState.Full;
                _usedPools--;
                _fullPools++;
            }

            return p;
        }

        public void Free(int block, int nbytes)
        {
            if (block == SystemBlock)
            {
                LargeBlocks--;
                LargeBytes -= nbytes;
                return;
            }

            ref Pool pool = ref _pools[block];
            int cls = pool.SizeClass;
            _classInUse[cls]--;
            _classRequested[cls] -= nbytes;
            bool wasFull = pool.State == PoolState.Full;
            pool.InUse--;
            if (pool.InUse == 0)
            {
                if (wasFull)
                {
                    _fullPools--;
                }
                else
                {
                    Unlink(block);
                    _usedPools--;
                }

                pool.State = PoolState.Empty;
                _classPools[cls]--;
                _emptyPools++;
                ReturnPool(block);
            }
            else if (wasFull)
            {
                pool.State = PoolState.Used;
                LinkFront(block);
                _fullPools--;
                _usedPools++;
            }
        }

        /// <summary>Resizes a block the way <c>pymalloc_realloc</c> does: in place when the class does not change.</summary>
        public int Realloc(int block, int oldBytes, int newBytes)
        {
            if (block >= 0 && newBytes > 0 && SizeClassPolicy.IsSmall(newBytes, _profile)
                && SizeClassPolicy.SizeClassIndex(newBytes, _profile) == _pools[block].SizeClass)
            {
                _classRequested[_pools[block].SizeClass] += newBytes - oldBytes;
                return block;
            }

            int fresh = newBytes > 0 ? Malloc(newBytes) : -1;
            if (block != -1)
            {
                Free(block, oldBytes);
            }

            return fresh;
        }

        private int NewPool(int cls)
        {
            int a = PickArena();
            ref Arena arena = ref _arenas[a];
            arena.FreePools--;
            int p;
            if (arena.FreePoolHead >= 0)
            {
                p = arena.FreePoolHead;
                arena.FreePoolHead = _pools[p].NextFree;
                _emptyPools--;
            }
            else
            {
                p = (a * _poolsPerArena) + arena.Untouched++;
            }

            ref Pool pool = ref _pools[p];
            pool.SizeClass = cls;
            pool.InUse = 0;
            pool.Capacity = SizeClassPolicy.BlocksPerPool(cls, _profile);
            pool.State = PoolState.Used;
            LinkFront(p);
            _usedPools++;
            _classPools[cls]++;
            return p;
        }

        private int PickArena()
        {
            int best = -1;
            for (int a = 0; a < _arenaSlots; a++)
            {
                ref Arena arena = ref _arenas[a];
                if (arena.Allocated && arena.FreePools > 0 && (best < 0 || arena.FreePools < _arenas[best].FreePools))
                {
                    best = a;
                }
            }

            return best >= 0 ? best : NewArena();
        }

        private int NewArena()
        {
            int a = 0;
            while (a < _arenaSlots && _arenas[a].Allocated)
            {
                a++;
            }

            if (a == _arenaSlots)
            {
                _arenaSlots++;
                if (_arenaSlots > _arenas.Length)
                {
                    int capacity = Math.Max(4, _arenas.Length * 2);
                    Array.Resize(ref _arenas, capacity);
                    Array.Resize(ref _pools, capacity * _poolsPerArena);
                }
            }

            _arenas[a] = new Arena { Allocated = true, FreePools = _poolsPerArena, Untouched = 0, FreePoolHead = -1 };
            ArenasAllocated++;
            ArenasAllocatedTotal++;
            ArenasHighWater = Math.Max(ArenasHighWater, ArenasAllocated);
            return a;
        }

        private void ReturnPool(int p)
        {
            int a = p / _poolsPerArena;
            ref Arena arena = ref _arenas[a];
            _pools[p].NextFree = arena.FreePoolHead;
            arena.FreePoolHead = p;
            arena.FreePools++;
            if (arena.FreePools == _poolsPerArena)
            {
                _emptyPools -= arena.Untouched;
                arena.Allocated = false;
                ArenasAllocated--;
                ArenasReclaimed++;
            }
        }

        private void LinkFront(int p)
        {
            ref Pool pool = ref _pools[p];
            int head = _usedHeads[pool.SizeClass];
            pool.Prev = -1;
            pool.Next = head;
            if (head >= 0)
            {
                _pools[head].Prev = p;
            }

            _usedHeads[pool.SizeClass] = p;
        }

        private void Unlink(int p)
        {
            ref Pool pool = ref _pools[p];
            if (pool.Prev >= 0)
            {
                _pools[pool.Prev].Next = pool.Next;
            }
            else
            {
                _usedHeads[pool.SizeClass] = pool.Next;
            }

            if (pool.Next >= 0)
            {
                _pools[pool.Next].Prev = pool.Prev;
            }

            pool.Prev = -1;
            pool.Next = -1;
        }

        public PyMallocStats Snapshot()
        {
            var classes = new List<SizeClassUsage>();
            for (int c = 0; c < _classPools.Length; c++)
            {
                if (_classPools[c] == 0)
                {
                    continue;
                }

                long capacity = (long)_classPools[c] * SizeClassPolicy.BlocksPerPool(c, _profile);
                classes.Add(new SizeClassUsage(c, SizeClassPolicy.BlockSize(c, _profile), _classPools[c], _classInUse[c], capacity - _classInUse[c]));
            }

            return new PyMallocStats(_profile, classes, ArenasAllocated, ArenasAllocatedTotal, ArenasReclaimed, ArenasHighWater,
                _fullPools, _usedPools, _emptyPools, LargeBlocks, LargeBytes);
        }

        /// <summary>Renders the statistics in the layout of <c>sys._debugmallocstats()</c>.</summary>
        public string DebugMallocStats()
        {
            PyMallocStats stats = Snapshot();
            CultureInfo inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append(inv, $"Small block threshold = {_profile.SmallRequestThreshold}, in {_profile.SizeClassCount} size classes.\n\n");
            sb.Append("class   size   num pools   blocks in use  avail blocks\n");
            sb.Append("-----   ----   ---------   -------------  ------------\n");
            long available = 0;
            long quantization = 0;
            foreach (SizeClassUsage c in stats.Classes)
            {
                sb.Append(inv, $"{c.SizeClass,5}  {c.BlockSize,5}  {c.Pools,10}  {c.BlocksInUse,14}  {c.AvailableBlocks,12}\n");
                available += c.AvailableBlocks * c.BlockSize;
                quantization += (c.BlocksInUse * c.BlockSize) - _classRequested[c.SizeClass];
            }

            int carvedPools = stats.FullPools + stats.UsedPools;
            long unusedPools = ((long)stats.ArenasAllocated * _poolsPerArena) - carvedPools;
            long headerBytes = (long)carvedPools * _profile.PoolHeaderSize;
            long tails = 0;
            foreach (SizeClassUsage c in stats.Classes)
            {
                int perPool = SizeClassPolicy.BlocksPerPool(c.SizeClass, _profile);
                tails += (long)c.Pools * (_profile.PoolSize - _profile.PoolHeaderSize - (perPool * c.BlockSize));
            }

            sb.Append('\n');
            Line(sb, "# arenas allocated total", stats.ArenasAllocatedTotal);
            Line(sb, "# arenas reclaimed", stats.ArenasReclaimed);
            Line(sb, "# arenas highwater mark", stats.ArenasHighWater);
            Line(sb, "# arenas allocated current", stats.ArenasAllocated);
            Line(sb, string.Create(inv, $"{stats.ArenasAllocated} arenas * {_profile.ArenaSize} bytes/arena"), stats.ArenaBytes);
            sb.Append('\n');
            Line(sb, "# bytes in allocated blocks", stats.BytesInUse);
            Line(sb, "# bytes in available blocks", available);
            Line(sb, string.Create(inv, $"{unusedPools} unused pools * {_profile.PoolSize} bytes"), unusedPools * _profile.PoolSize);
            Line(sb, "# bytes lost to pool headers", headerBytes);
            Line(sb, "# bytes lost to quantization", quantization + tails);
            Line(sb, "# bytes lost to arena alignment", 0);
            Line(sb, "Total", stats.ArenaBytes);
            sb.Append('\n');
            Line(sb, "# large blocks (system malloc)", stats.LargeBlocks);
            Line(sb, "# bytes in large blocks", stats.LargeBytes);
            sb.Append(inv, $"fragmentation                      = {stats.Fragmentation,20:P2}\n");
            return sb.ToString();
        }

        private static void Line(StringBuilder sb, string label, long value) =>
            sb.Append(CultureInfo.InvariantCulture, $"{label,-35}= {value,20:N0}\n");
    }
}
