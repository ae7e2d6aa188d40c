using System;
using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim.CPython
{
    /// <summary>Reference counting, deallocation and pymalloc bookkeeping. The cycle collector is in CPythonHeap.Gc.cs.</summary>
    internal sealed partial class CPythonHeap : SimHeapBase, ICPythonHeap
    {
        private readonly PyMallocAllocator _allocator;
        private readonly IntStack _freeStack = new();

        public CPythonHeap(ObmallocProfile profile)
        {
            _allocator = new PyMallocAllocator(profile);
            _lists = new GenerationLists(Table, Generations);
        }

        public ObmallocProfile Profile => _allocator.Profile;

        public override long FootprintBytes => _allocator.FootprintBytes;

        public int GetRefCount(ObjectId obj) => ReferenceCount(obj) + 1;

        public ObjectId AllocateWithBuffer(SimType type, int headerSize, int bufferSize, int slotCount)
        {
            ArgumentNullException.ThrowIfNull(type);
            ArgumentOutOfRangeException.ThrowIfNegative(headerSize);
            ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
            ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
            _pendingBuffer = bufferSize;
            try
            {
                return Allocate(type, headerSize, slotCount);
            }
            finally
            {
                _pendingBuffer = 0;
            }
        }

        private int _pendingBuffer;

        protected override int AllocateCore(SimType type, int headerSize, int slotCount)
        {
            if (!type.IsContainer && slotCount > 0)
            {
                throw new ArgumentException($"'{type.Name}' is not a container and cannot hold references.", nameof(type));
            }

            int bufferSize = _pendingBuffer;
            if (type.IsContainer)
            {
                // _PyObject_GC_Link: count the allocation and maybe collect before the new object is tracked.
                _counts[0]++;
                if (GcPolicy.ShouldCollect(_counts[0], _thresholds[0], _enabled, _collecting))
                {
                    CollectGenerations();
                }
            }

            int index = Table.Allocate(type, headerSize + bufferSize, slotCount);
            ref ObjectRecord r = ref Table[index];
            r.Block = _allocator.Malloc(headerSize);
            r.BufferSize = bufferSize;
            r.BufferBlock = bufferSize > 0 ? _allocator.Malloc(bufferSize) : -1;
            if (type.IsContainer)
            {
                _lists.Add(0, index);
            }

            NoteAllocated(index);
            return index;
        }

        public void ResizeBuffer(ObjectId obj, int bufferSize, int slotCount)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(bufferSize);
            ArgumentOutOfRangeException.ThrowIfNegative(slotCount);
            int index = Resolve(obj);
            ref ObjectRecord r = ref Table[index];
            if (!r.Type!.IsContainer && slotCount > 0)
            {
                throw new ArgumentException("Only containers hold references.", nameof(slotCount));
            }

            int headerSize = r.Size - r.BufferSize;
            r.BufferBlock = _allocator.Realloc(r.BufferBlock, r.BufferSize, bufferSize);
            r.BufferSize = bufferSize;
            NoteResized(index, headerSize + bufferSize);
            for (int s = slotCount; s < Table[index].SlotCount; s++)
            {
                StoreSlot(index, s, -1);
            }

            Table.ResizeSlots(index, slotCount);
        }

        public void ResizeObject(ObjectId obj, int size)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
            int index = Resolve(obj);
            ref ObjectRecord r = ref Table[index];
            int headerSize = r.Size - r.BufferSize;
            r.Block = _allocator.Realloc(r.Block, headerSize, size);
            NoteResized(index, size + r.BufferSize);
        }

        protected override void OnUnreferenced(int index)
        {
            // Iterative, so that freeing a million-element linked list cannot overflow the stack.
            bool outermost = _freeStack.Count == 0;
            _freeStack.Push(index);
            if (!outermost)
            {
                return;
            }

            int[] slots = Table.SlotData;
            while (_freeStack.Count > 0)
            {
                int i = _freeStack.Pop();
                ref ObjectRecord r = ref Table[i];
                for (int s = 0; s < r.SlotCount; s++)
                {
                    int position = r.SlotOffset + s;
                    int target = slots[position];
                    if (target >= 0)
                    {
                        slots[position] = -1;
                        ref ObjectRecord t = ref Table[target];
                        if (--t.RefCount == 0 && t.Mark != PendingFree)
                        {
                            _freeStack.Push(target);
                        }
                    }
                }

                FreeObject(i);
            }
        }

        /// <summary>Returns the object's memory: untracks it, frees its blocks and its record.</summary>
        private void FreeObject(int index)
        {
            ref ObjectRecord r = ref Table[index];
            sbyte generation = r.Generation;
            if (generation >= 0)
            {
                _lists.Remove(index);
                r.Generation = generation; // so the Freed event reports where the object died
                if (_counts[0] > 0)
                {
                    _counts[0]--;
                }
            }

            _allocator.Free(r.Block, r.Size - r.BufferSize);
            if (r.BufferBlock != -1)
            {
                _allocator.Free(r.BufferBlock, r.BufferSize);
            }

            FreeRecord(index);
        }

        protected override int GenerationOf(int index) => Table[index].Generation;

        public PyMallocStats MallocStats() => _allocator.Snapshot();

        public string DebugMallocStats() => _allocator.DebugMallocStats();

        /// <summary>For accounting checks: the pymalloc requests an object made (header, buffer).</summary>
        internal (int Header, int Buffer) RequestsOf(ObjectId obj)
        {
            ref ObjectRecord r = ref Table[Resolve(obj)];
            return (r.Size - r.BufferSize, r.BufferSize);
        }

        internal PoolState PoolStateOf(ObjectId obj) => _allocator.StateOfPool(Table[Resolve(obj)].Block);

        public IReadOnlyList<GcGenerationStats> GetStats() => _stats;
    }
}
