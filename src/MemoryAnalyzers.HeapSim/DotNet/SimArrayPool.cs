using System;
using System.Collections.Generic;

namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>
    /// An <c>ArrayPool&lt;T&gt;.Shared</c>-style pool on a simulated heap: power-of-two buckets, each keeping up to
    /// <see cref="ArraysPerBucket"/> returned arrays alive through handles until they are rented again.
    /// </summary>
    /// <remarks>
    /// Ownership: <see cref="Rent"/> returns a temporary reference, like <see cref="ISimHeap.Allocate"/>.
    /// <see cref="Return"/> does not consume the caller's reference; the pool takes its own.
    /// </remarks>
    public sealed class SimArrayPool
    {
        private readonly IDotNetHeap _heap;
        private readonly SimType _arrayType;
        private readonly int _elementSize;
        private readonly Stack<(ObjectId Array, int Handle)>[] _buckets;

        /// <summary>Creates a pool of arrays with elements of <paramref name="elementSize"/> bytes.</summary>
        public SimArrayPool(IDotNetHeap heap, SimType arrayType, int elementSize, int arraysPerBucket = 8)
        {
            _heap = heap ?? throw new ArgumentNullException(nameof(heap));
            _arrayType = arrayType ?? throw new ArgumentNullException(nameof(arrayType));
            _elementSize = elementSize;
            ArraysPerBucket = arraysPerBucket;
            _buckets = new Stack<(ObjectId, int)>[ArrayPoolPolicy.BucketCount];
            for (int i = 0; i < _buckets.Length; i++)
            {
                _buckets[i] = new Stack<(ObjectId, int)>();
            }
        }

        /// <summary>Maximum arrays retained per bucket.</summary>
        public int ArraysPerBucket { get; }

        /// <summary>Rent calls served from the pool.</summary>
        public int Hits { get; private set; }

        /// <summary>Rent calls that had to allocate.</summary>
        public int Misses { get; private set; }

        /// <summary>Rents an array of at least <paramref name="minimumLength"/> elements.</summary>
        public ObjectId Rent(int minimumLength)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(minimumLength);
            int bucket = ArrayPoolPolicy.SelectBucketIndex(minimumLength);
            if (bucket >= _buckets.Length)
            {
                Misses++;
                return ClrOps.NewArray(_heap, _arrayType, minimumLength, _elementSize);
            }

            if (_buckets[bucket].TryPop(out (ObjectId Array, int Handle) pooled))
            {
                Hits++;
                _heap.Hold(pooled.Array);
                _heap.FreeHandle(pooled.Handle);
                return pooled.Array;
            }

            Misses++;
            return ClrOps.NewArray(_heap, _arrayType, ArrayPoolPolicy.BucketLength(bucket), _elementSize);
        }

        /// <summary>Returns an array to its bucket; arrays of non-bucket lengths or beyond capacity are dropped.</summary>
        public void Return(ObjectId array)
        {
            int length = ClrOps.ArrayLength(_heap, array);
            if (length < ArrayPoolPolicy.MinimumLength)
            {
                return;
            }

            int bucket = ArrayPoolPolicy.SelectBucketIndex(length);
            if (bucket >= _buckets.Length || ArrayPoolPolicy.BucketLength(bucket) != length || _buckets[bucket].Count >= ArraysPerBucket)
            {
                return;
            }

            _buckets[bucket].Push((array, _heap.AllocHandle(array)));
        }
    }
}
