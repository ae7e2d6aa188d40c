using System;

namespace MemoryAnalyzers.HeapSim;

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

    /// <summary>Removes the topmost occurrence of <paramref name="value"/>; false when absent.</summary>
    public bool RemoveLast(int value)
    {
        for (int i = Count - 1; i >= 0; i--)
        {
            if (_items[i] == value)
            {
                Array.Copy(_items, i + 1, _items, i, Count - i - 1);
                Count--;
                return true;
            }
        }

        return false;
    }
}
