using System;
using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>
    /// Mark-and-promote generational collector. Older-to-younger references are found through a remembered set kept by a
    /// write barrier (the card table's role), so an ephemeral collection never scans the whole old generation.
    /// </summary>
    internal sealed class DotNetHeap : SimHeapBase, IDotNetHeap
    {
        private const int LargeObjectList = 3;

        private readonly GenerationLists _lists;
        private readonly long[] _listBytes = new long[4];
        private readonly int[] _collectionCounts = new int[3];
        private readonly IntStack _work = new();
        private readonly IntStack _survivors = new();
        private List<(int Index, int Stamp)> _remembered = new();
        private int _epoch;
        private long _gen0Allocated;
        private long _lohAllocated;
        private long _gen1Growth;
        private long _gen2Growth;
        private bool _collecting;

        public DotNetHeap(DotNetGcSettings settings)
        {
            Settings = settings;
            _lists = new GenerationLists(Table, 4);
        }

        public DotNetGcSettings Settings { get; }

        public override long FootprintBytes => LiveBytes;

        public int CollectionCount(int generation) => _collectionCounts[generation];

        public bool IsLargeObject(ObjectId obj) => Table[Resolve(obj)].Generation == LargeObjectList;

        public long GenerationBytes(int generation) => _listBytes[generation];

        protected override int GenerationOf(int index) => Math.Min((int)Table[index].Generation, 2);

        protected override int AllocateCore(SimType type, int size, int slotCount)
        {
            bool large = size >= Settings.LohThreshold;
            int aligned = AlignedSize(size);
            if (!_collecting)
            {
                if (large && _lohAllocated + aligned > Settings.LohBudget)
                {
                    CollectCore(2);
                }
                else if (!large && _gen0Allocated + aligned > Settings.Gen0Budget)
                {
                    CollectCore(GenerationToCondemn());
                }
            }

            int index = Table.Allocate(type, aligned, slotCount);
            int list = large ? LargeObjectList : 0;
            _lists.Add(list, index);
            _listBytes[list] += aligned;
            if (large)
            {
                _lohAllocated += aligned;
            }
            else
            {
                _gen0Allocated += aligned;
            }

            NoteAllocated(index);
            return index;
        }

        /// <summary>Objects are 8-byte aligned with a 24-byte minimum (header, method table, one pointer-sized field).</summary>
        internal static int AlignedSize(int rawSize) => Math.Max(24, (rawSize + 7) & ~7);

        private int GenerationToCondemn()
        {
            if (_gen2Growth > Settings.Gen2Budget)
            {
                return 2;
            }

            return _gen1Growth > Settings.Gen1Budget ? 1 : 0;
        }

        protected override void OnUnreferenced(int index)
        {
            // A tracing collector ignores reference counts: the object waits for the next collection.
        }

        protected override void OnReferenceStored(int holder, int target)
        {
            ref ObjectRecord h = ref Table[holder];
            if (!h.Remembered && Effective(h.Generation) > Effective(Table[target].Generation))
            {
                h.Remembered = true;
                _remembered.Add((holder, h.Stamp));
            }
        }

        private static int Effective(int list) => list == LargeObjectList ? 2 : list;

        public override int Collect(int generation = 2)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(generation);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(generation, 2);
            AdvanceClock();
            return CollectCore(generation);
        }

        private int CollectCore(int condemned)
        {
            _collecting = true;
            _epoch++;
            Mark(condemned);
            (int freed, long freedBytes, long promotedTo1, long promotedTo2) = Sweep(condemned);
            RebuildRememberedSet();

            _gen0Allocated = 0;
            _gen1Growth = condemned == 0 ? _gen1Growth + promotedTo1 : promotedTo1;
            _gen2Growth = condemned == 2 ? 0 : _gen2Growth + promotedTo2;
            if (condemned == 2)
            {
                _lohAllocated = 0;
            }

            for (int g = 0; g <= condemned; g++)
            {
                _collectionCounts[g]++;
            }

            _collecting = false;
            RaiseCollected(condemned, freed, freedBytes);
            return freed;
        }

        private void Mark(int condemned)
        {
            _work.Clear();
            var rootMarker = new RootMarker(this, condemned);
            ForEachRoot(ref rootMarker);

            foreach ((int holder, int stamp) in _remembered)
            {
                ref ObjectRecord h = ref Table[holder];
                if (h.Type is not null && h.Stamp == stamp && Effective(h.Generation) > condemned)
                {
                    PushChildren(holder, condemned);
                }
            }

            while (_work.Count > 0)
            {
                PushChildren(_work.Pop(), condemned);
            }
        }

        private void PushChildren(int index, int condemned)
        {
            int[] slots = Table.SlotData;
            ref ObjectRecord r = ref Table[index];
            for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
            {
                int target = slots[s];
                if (target >= 0)
                {
                    TryMark(target, condemned);
                }
            }
        }

        private void TryMark(int index, int condemned)
        {
            ref ObjectRecord r = ref Table[index];
            if (r.Mark != _epoch && Effective(r.Generation) <= condemned)
            {
                r.Mark = _epoch;
                _work.Push(index);
            }
        }

        private struct RootMarker(DotNetHeap heap, int condemned) : IIndexVisitor
        {
            public readonly void Visit(int index) => heap.TryMark(index, condemned);
        }

        private (int Freed, long FreedBytes, long PromotedTo1, long PromotedTo2) Sweep(int condemned)
        {
            int freed = 0;
            long freedBytes = 0;
            long promotedTo1 = 0;
            long promotedTo2 = 0;
            _survivors.Clear();

            // Oldest first, so objects promoted into a list are not swept twice.
            for (int list = condemned == 2 ? LargeObjectList : condemned; list >= 0; list--)
            {
                if (list > condemned && list != LargeObjectList)
                {
                    continue;
                }

                int next;
                for (int i = _lists.Head(list); i >= 0; i = next)
                {
                    next = Table[i].Next;
                    int size = Table[i].Size;
                    if (Table[i].Mark == _epoch)
                    {
                        if (list < 2)
                        {
                            _lists.Remove(i);
                            _lists.Add(list + 1, i);
                            _listBytes[list] -= size;
                            _listBytes[list + 1] += size;
                            _survivors.Push(i);
                            if (list == 0)
                            {
                                promotedTo1 += size;
                            }
                            else
                            {
                                promotedTo2 += size;
                            }
                        }

                        continue;
                    }

                    freed++;
                    freedBytes += size;
                    _listBytes[list] -= size;
                    _lists.Remove(i);
                    Table[i].Generation = (sbyte)list; // so the Freed event reports where the object died
                    ReleaseSlots(i);
                    FreeRecord(i);
                }
            }

            return (freed, freedBytes, promotedTo1, promotedTo2);
        }

        private void ReleaseSlots(int index)
        {
            int[] slots = Table.SlotData;
            ref ObjectRecord r = ref Table[index];
            for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
            {
                int target = slots[s];
                if (target >= 0)
                {
                    slots[s] = -1;
                    Table[target].RefCount--;
                }
            }
        }

        private void RebuildRememberedSet()
        {
            var kept = new List<(int Index, int Stamp)>(_remembered.Count);
            foreach ((int index, int stamp) in _remembered)
            {
                ref ObjectRecord r = ref Table[index];
                if (r.Type is null || r.Stamp != stamp || !r.Remembered)
                {
                    continue;
                }

                if (HasYoungerReference(index))
                {
                    kept.Add((index, stamp));
                }
                else
                {
                    r.Remembered = false;
                }
            }

            for (int k = 0; k < _survivors.Count; k++)
            {
                int index = _survivors[k];
                ref ObjectRecord r = ref Table[index];
                if (!r.Remembered && HasYoungerReference(index))
                {
                    r.Remembered = true;
                    kept.Add((index, r.Stamp));
                }
            }

            _remembered = kept;
        }

        private bool HasYoungerReference(int index)
        {
            int[] slots = Table.SlotData;
            ref ObjectRecord r = ref Table[index];
            int generation = Effective(r.Generation);
            for (int s = r.SlotOffset, end = r.SlotOffset + r.SlotCount; s < end; s++)
            {
                int target = slots[s];
                if (target >= 0 && Effective(Table[target].Generation) < generation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
