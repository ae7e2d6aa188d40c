using System;
using System.Numerics;

namespace MemoryAnalyzers.HeapSim
{
    /// <summary>
    /// Storage for all reference slots of all objects in one int array, carved into power-of-two blocks with one free
    /// list per block size, so objects never own a managed array of their own. Slot value -1 means null.
    /// </summary>
    internal sealed class RefSlab
    {
        private const int MaxClasses = 31;
        private int[] _data = new int[1024];
        private int _top;
        private readonly int[] _freeHeads = new int[MaxClasses];

        public RefSlab() => Array.Fill(_freeHeads, -1);

        public int[] Data => _data;

        /// <summary>Capacity actually reserved for a request (0 stays 0).</summary>
        public static int CapacityFor(int count) => count == 0 ? 0 : (int)BitOperations.RoundUpToPowerOf2((uint)count);

        public int Rent(int capacity)
        {
            if (capacity == 0)
            {
                return 0;
            }

            int cls = BitOperations.Log2((uint)capacity);
            int offset = _freeHeads[cls];
            if (offset >= 0)
            {
                _freeHeads[cls] = _data[offset];
            }
            else
            {
                offset = _top;
                _top += capacity;
                if (_top > _data.Length)
                {
                    Array.Resize(ref _data, Math.Max(_data.Length * 2, _top));
                }
            }

            _data.AsSpan(offset, capacity).Fill(-1);
            return offset;
        }

        public void Return(int offset, int capacity)
        {
            if (capacity == 0)
            {
                return;
            }

            int cls = BitOperations.Log2((uint)capacity);
            _data[offset] = _freeHeads[cls];
            _freeHeads[cls] = offset;
        }
    }
}
