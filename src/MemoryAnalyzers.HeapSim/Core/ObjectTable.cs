using System;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// Struct-of-records object table with a free list of indices. Owns object identity (index + stamp) and reference
    /// slot storage; knows nothing about reference counting or collection policy.
    /// </summary>
    internal sealed class ObjectTable
    {
        private ObjectRecord[] _records = new ObjectRecord[1024];
        private int _count;
        private int _freeHead = -1;
        private readonly RefSlab _slab = new();

        public int LiveCount { get; private set; }

        public long LiveBytes { get; private set; }

        /// <summary>Highest index ever used plus one.</summary>
        public int HighWater => _count;

        public ref ObjectRecord this[int index] => ref _records[index];

        public int[] SlotData => _slab.Data;

        public bool IsLive(int index) => (uint)index < (uint)_count && _records[index].Type is not null;

        public bool IsLive(ObjectId id) => IsLive(id.Index) && _records[id.Index].Stamp == id.Stamp;

        public ObjectId IdOf(int index) => new(index, _records[index].Stamp);

        public int Allocate(SimType type, int size, int slotCount)
        {
            int index;
            if (_freeHead >= 0)
            {
                index = _freeHead;
                _freeHead = _records[index].Next;
            }
            else
            {
                if (_count == _records.Length)
                {
                    Array.Resize(ref _records, _records.Length * 2);
                }

                index = _count++;
            }

            ref ObjectRecord r = ref _records[index];
            int stamp = r.Stamp + 1;
            int capacity = RefSlab.CapacityFor(slotCount);
            r = default;
            r.Type = type;
            r.Size = size;
            r.Stamp = stamp;
            r.SlotCount = slotCount;
            r.SlotCapacity = capacity;
            r.SlotOffset = _slab.Rent(capacity);
            r.Prev = -1;
            r.Next = -1;
            r.Generation = -1;
            r.Block = -1;
            r.BufferBlock = -1;
            LiveCount++;
            LiveBytes += size;
            return index;
        }

        /// <summary>Frees the record. The caller has already dropped the references its slots held.</summary>
        public void Free(int index)
        {
            ref ObjectRecord r = ref _records[index];
            _slab.Return(r.SlotOffset, r.SlotCapacity);
            LiveCount--;
            LiveBytes -= r.Size;
            r.Type = null;
            r.SlotCount = 0;
            r.SlotCapacity = 0;
            r.Next = _freeHead;
            _freeHead = index;
        }

        public void Resize(int index, int newSize)
        {
            ref ObjectRecord r = ref _records[index];
            LiveBytes += newSize - r.Size;
            r.Size = newSize;
        }

        /// <summary>Changes the slot count; slots beyond the new count must already be null.</summary>
        public void ResizeSlots(int index, int newCount)
        {
            ref ObjectRecord r = ref _records[index];
            if (newCount <= r.SlotCapacity)
            {
                if (newCount > r.SlotCount)
                {
                    _slab.Data.AsSpan(r.SlotOffset + r.SlotCount, newCount - r.SlotCount).Fill(-1);
                }

                r.SlotCount = newCount;
                return;
            }

            int capacity = RefSlab.CapacityFor(newCount);
            int offset = _slab.Rent(capacity);
            Array.Copy(_slab.Data, r.SlotOffset, _slab.Data, offset, r.SlotCount);
            _slab.Return(r.SlotOffset, r.SlotCapacity);
            r.SlotOffset = offset;
            r.SlotCapacity = capacity;
            r.SlotCount = newCount;
        }
    }
}
