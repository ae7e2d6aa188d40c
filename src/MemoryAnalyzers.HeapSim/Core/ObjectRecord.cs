namespace MemoryAnalyzers.HeapSim
{
    /// <summary>One slot of the object table. A struct so that a million objects cost no managed allocations.</summary>
    internal struct ObjectRecord
    {
        /// <summary>Null while the slot is free.</summary>
        public SimType? Type;
        public int Size;
        public int Stamp;
        public int RefCount;
        public int SlotOffset;
        public int SlotCount;
        public int SlotCapacity;
        /// <summary>Payload descriptors the operation layers interpret (string length, list length, ...).</summary>
        public int Length;
        public int Aux;
        /// <summary>Intrusive links of the generation list the object is on; -1 when not on one.</summary>
        public int Prev;
        public int Next;
        /// <summary>Generation list index, or -1 when untracked.</summary>
        public sbyte Generation;
        /// <summary>Scratch for collectors: CPython's gc_refs, or the .NET mark epoch.</summary>
        public int Mark;
        /// <summary>Allocator bookkeeping (CPython: pool of the object block and of its buffer).</summary>
        public int Block;
        public int BufferBlock;
        public int BufferSize;
        public bool Remembered;
        /// <summary>Temporary references held (see <see cref="ISimHeap.Allocate"/>) and position in the temporaries list.</summary>
        public int TempCount;
        public int TempPosition;
    }
}
