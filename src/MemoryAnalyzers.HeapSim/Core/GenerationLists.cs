namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// Intrusive doubly linked lists, one per generation, threaded through <see cref="ObjectRecord.Prev"/> and
    /// <see cref="ObjectRecord.Next"/>, like CPython's <c>PyGC_Head</c> lists. O(1) insert, remove and splice.
    /// </summary>
    internal sealed class GenerationLists
    {
        private readonly ObjectTable _table;
        private readonly int[] _heads;
        private readonly int[] _tails;
        private readonly int[] _counts;

        public GenerationLists(ObjectTable table, int generations)
        {
            _table = table;
            _heads = new int[generations];
            _tails = new int[generations];
            _counts = new int[generations];
            for (int i = 0; i < generations; i++)
            {
                _heads[i] = -1;
                _tails[i] = -1;
            }
        }

        public int Head(int generation) => _heads[generation];

        public int Count(int generation) => _counts[generation];

        public void Add(int generation, int index)
        {
            ref ObjectRecord r = ref _table[index];
            r.Generation = (sbyte)generation;
            r.Prev = _tails[generation];
            r.Next = -1;
            if (_tails[generation] >= 0)
            {
                _table[_tails[generation]].Next = index;
            }
            else
            {
                _heads[generation] = index;
            }

            _tails[generation] = index;
            _counts[generation]++;
        }

        public void Remove(int index)
        {
            ref ObjectRecord r = ref _table[index];
            int generation = r.Generation;
            if (r.Prev >= 0)
            {
                _table[r.Prev].Next = r.Next;
            }
            else
            {
                _heads[generation] = r.Next;
            }

            if (r.Next >= 0)
            {
                _table[r.Next].Prev = r.Prev;
            }
            else
            {
                _tails[generation] = r.Prev;
            }

            r.Prev = -1;
            r.Next = -1;
            r.Generation = -1;
            _counts[generation]--;
        }

        /// <summary>Appends every object of <paramref name="from"/> to <paramref name="to"/>, relabelling their generation.</summary>
        public void Merge(int from, int to)
        {
            if (from == to || _heads[from] < 0)
            {
                return;
            }

            for (int i = _heads[from]; i >= 0; i = _table[i].Next)
            {
                _table[i].Generation = (sbyte)to;
            }

            if (_tails[to] >= 0)
            {
                _table[_tails[to]].Next = _heads[from];
                _table[_heads[from]].Prev = _tails[to];
            }
            else
            {
                _heads[to] = _heads[from];
            }

            _tails[to] = _tails[from];
            _counts[to] += _counts[from];
            _heads[from] = -1;
            _tails[from] = -1;
            _counts[from] = 0;
        }
    }
}
