using System;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>
    /// The cycle collector of <c>Modules/gcmodule.c</c> (3.11): copy refcounts to gc_refs, subtract references internal
    /// to the generation, everything still referenced from outside is reachable (and so is what it reaches), the rest is
    /// garbage; survivors move to the next generation.
    /// </summary>
    internal sealed partial class CPythonHeap
    {
        private const int Generations = 3;
        private const int Reachable = -1;
        private const int PendingFree = int.MinValue;

        private readonly GenerationLists _lists;
        private readonly int[] _counts = new int[Generations];
        private readonly int[] _thresholds = [700, 10, 10];
        private readonly GcGenerationStats[] _stats = new GcGenerationStats[Generations];
        private readonly IntStack _work = new();
        private readonly IntStack _unreachable = new();
        private bool _enabled = true;
        private bool _collecting;
        private long _longLivedPending;
        private long _longLivedTotal;

        public bool IsEnabled => _enabled;

        public void Disable() => _enabled = false;

        public void Enable() => _enabled = true;

        public (int Gen0, int Gen1, int Gen2) GetCount() => (_counts[0], _counts[1], _counts[2]);

        public (int Gen0, int Gen1, int Gen2) GetThreshold() => (_thresholds[0], _thresholds[1], _thresholds[2]);

        public void SetThreshold(int gen0, int gen1 = 10, int gen2 = 10)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(gen0);
            ArgumentOutOfRangeException.ThrowIfNegative(gen1);
            ArgumentOutOfRangeException.ThrowIfNegative(gen2);
            _thresholds[0] = gen0;
            _thresholds[1] = gen1;
            _thresholds[2] = gen2;
        }

        public int TrackedCount(int generation) => _lists.Count(generation);

        public override int Collect(int generation = 2)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(generation);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(generation, Generations - 1);
            if (_collecting)
            {
                return 0;
            }

            AdvanceClock();
            return CollectGuarded(generation);
        }

        private void CollectGenerations()
        {
            int generation = GcPolicy.SelectGeneration(_counts, _thresholds, _longLivedPending, _longLivedTotal);
            if (generation >= 0)
            {
                CollectGuarded(generation);
            }
        }

        private int CollectGuarded(int generation)
        {
            _collecting = true;
            try
            {
                return CollectCore(generation);
            }
            finally
            {
                _collecting = false;
            }
        }

        private int CollectCore(int generation)
        {
            if (generation + 1 < Generations)
            {
                _counts[generation + 1]++;
            }

            for (int i = 0; i <= generation; i++)
            {
                _counts[i] = 0;
            }

            for (int i = 0; i < generation; i++)
            {
                _lists.Merge(i, generation);
            }

            int[] slots = Table.SlotData;

            // update_refs: gc_refs = ob_refcnt.
            for (int i = _lists.Head(generation); i >= 0; i = Table[i].Next)
            {
                Table[i].Mark = Table[i].RefCount;
            }

            // subtract_refs: drop the references that come from inside the generation.
            for (int i = _lists.Head(generation); i >= 0; i = Table[i].Next)
            {
                ref ObjectRecord r = ref Table[i];
                for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
                {
                    int target = slots[s];
                    if (target >= 0 && Table[target].Generation == generation)
                    {
                        Table[target].Mark--;
                    }
                }
            }

            // move_unreachable: gc_refs > 0 means referenced from outside; everything it reaches is reachable too.
            _work.Clear();
            for (int i = _lists.Head(generation); i >= 0; i = Table[i].Next)
            {
                if (Table[i].Mark > 0)
                {
                    Table[i].Mark = Reachable;
                    _work.Push(i);
                }
            }

            while (_work.Count > 0)
            {
                ref ObjectRecord r = ref Table[_work.Pop()];
                for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
                {
                    int target = slots[s];
                    if (target >= 0)
                    {
                        ref ObjectRecord t = ref Table[target];
                        if (t.Generation == generation && t.Mark != Reachable)
                        {
                            t.Mark = Reachable;
                            _work.Push(target);
                        }
                    }
                }
            }

            _unreachable.Clear();
            long bytes = 0;
            for (int i = _lists.Head(generation); i >= 0; i = Table[i].Next)
            {
                if (Table[i].Mark != Reachable)
                {
                    Table[i].Mark = PendingFree;
                    _unreachable.Push(i);
                    bytes += Table[i].Size;
                }
            }

            int found = _unreachable.Count;
            DeleteGarbage(slots);

            if (generation < Generations - 1)
            {
                if (generation == Generations - 2)
                {
                    _longLivedPending += _lists.Count(generation);
                }

                _lists.Merge(generation, generation + 1);
            }
            else
            {
                _longLivedPending = 0;
                _longLivedTotal = _lists.Count(generation);
            }

            GcGenerationStats old = _stats[generation];
            _stats[generation] = old with { Collections = old.Collections + 1, Collected = old.Collected + found };
            RaiseCollected(generation, found, bytes);
            return found;
        }

        /// <summary>
        /// Like tp_clear on each unreachable object: drop the references it holds. Objects outside the garbage whose
        /// count reaches zero are deallocated normally; the garbage itself is freed once all its references are gone.
        /// </summary>
        private void DeleteGarbage(int[] slots)
        {
            for (int k = 0; k < _unreachable.Count; k++)
            {
                ref ObjectRecord r = ref Table[_unreachable[k]];
                for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
                {
                    int target = slots[s];
                    if (target >= 0)
                    {
                        slots[s] = -1;
                        if (--Table[target].RefCount == 0 && Table[target].Mark != PendingFree)
                        {
                            OnUnreferenced(target);
                        }
                    }
                }
            }

            for (int k = 0; k < _unreachable.Count; k++)
            {
                int index = _unreachable[k];
                if (Table[index].RefCount != 0)
                {
                    throw new InvalidOperationException("Cycle collector invariant broken: garbage still referenced.");
                }

                FreeObject(index);
            }

            _unreachable.Clear();
        }
    }
}
