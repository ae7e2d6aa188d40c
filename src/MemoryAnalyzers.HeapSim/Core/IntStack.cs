using System;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>Growable stack of ints reused across operations: the work list of iterative marking and freeing.</summary>
    internal sealed class IntStack
    {
        private int[] _items = new int[256];

        public int Count { get; private set; }

        public void Push(int value)
        {
            if (Count == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
            }

            _items[Count++] = value;
        }

        public int Pop() => _items[--Count];

        public int this[int index] => _items[index];

        public void Clear() => Count = 0;

        public void Set(int index, int value) => _items[index] = value;
    }
}
