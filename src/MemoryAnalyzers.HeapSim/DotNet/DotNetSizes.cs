using System;

namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>
    /// Object sizes of .NET 10 on 64-bit, as <c>GC.GetAllocatedBytesForCurrentThread</c> reports them. "Raw" sizes are
    /// before the 8-byte alignment the allocator applies; the LOH threshold compares the raw size.
    /// </summary>
    public static class DotNetSizes
    {
        /// <summary>Object header word plus method-table pointer.</summary>
        public const int ObjectHeader = 16;

        /// <summary>Smallest object: header, method table and one pointer-sized field.</summary>
        public const int MinObjectSize = 24;

        /// <summary>Array header: object header, method table, length (padded to 8).</summary>
        public const int ArrayHeader = 24;

        /// <summary>String header: object header, method table, length, plus the terminating NUL char.</summary>
        public const int StringOverhead = 22;

        /// <summary><c>List&lt;T&gt;</c>: header + <c>_items</c> + <c>_size</c> + <c>_version</c>.</summary>
        public const int ListObject = 32;

        /// <summary>Default capacity of the first array a <c>List&lt;T&gt;</c> allocates.</summary>
        public const int ListDefaultCapacity = 4;

        /// <summary><c>Dictionary&lt;TKey,TValue&gt;</c> object without its arrays.</summary>
        public const int DictionaryObject = 80;

        /// <summary>Any delegate instance (<c>Func</c>, <c>Action</c>, <c>EventHandler</c>).</summary>
        public const int Delegate = 64;

        /// <summary><c>StringBuilder</c> object (one per chunk) without its <c>char[]</c>.</summary>
        public const int StringBuilderObject = 48;

        /// <summary>Capacity of <c>new StringBuilder()</c>.</summary>
        public const int StringBuilderDefaultCapacity = 16;

        /// <summary><c>StringBuilder.MaxChunkSize</c>.</summary>
        public const int StringBuilderMaxChunk = 8000;

        /// <summary>Aligns a raw size as the allocator does.</summary>
        public static long Align(long rawSize) => Math.Max(MinObjectSize, (rawSize + 7) & ~7L);

        /// <summary>Raw size of a class instance with the given field bytes.</summary>
        public static int ObjectRaw(int fieldBytes) => ObjectHeader + fieldBytes;

        /// <summary>Raw size of a string of <paramref name="length"/> UTF-16 chars.</summary>
        public static int StringRaw(int length) => StringOverhead + (2 * length);

        /// <summary>Raw size of an array.</summary>
        public static long ArrayRaw(long length, int elementSize) => ArrayHeader + (length * elementSize);

        /// <summary>Size of a boxed value type.</summary>
        public static long Boxed(int valueSize) => Align(ObjectHeader + valueSize);

        /// <summary><c>List&lt;T&gt;.Grow</c>: 4 first, then double, at least <paramref name="required"/>.</summary>
        public static int ListNextCapacity(int currentCapacity, int required)
        {
            int next = currentCapacity == 0 ? ListDefaultCapacity : 2 * currentCapacity;
            return Math.Max(next, required);
        }

        private static readonly int[] Primes =
        [
            3, 7, 11, 17, 23, 29, 37, 47, 59, 71, 89, 107, 131, 163, 197, 239, 293, 353, 431, 521, 631, 761, 919,
            1103, 1327, 1597, 1931, 2333, 2801, 3371, 4049, 4861, 5839, 7013, 8419, 10103, 12143, 14591,
            17519, 21023, 25229, 30293, 36353, 43627, 52361, 62851, 75431, 90523, 108631, 130363, 156437,
            187751, 225307, 270371, 324449, 389357, 467237, 560689, 672827, 807403, 968897, 1162687, 1395263,
            1674319, 2009191, 2411033, 2893249, 3471899, 4166287, 4999559, 5999471, 7199369,
        ];

        /// <summary><c>HashHelpers.GetPrime</c>: the first table prime at least <paramref name="min"/>.</summary>
        public static int HashPrime(int min)
        {
            foreach (int prime in Primes)
            {
                if (prime >= min)
                {
                    return prime;
                }
            }

            throw new ArgumentOutOfRangeException(nameof(min), "Beyond the simulated prime table.");
        }

        /// <summary><c>HashHelpers.ExpandPrime</c>: the dictionary's next size when it is full.</summary>
        public static int DictionaryNextSize(int count) => HashPrime(2 * count);

        /// <summary>
        /// Size of <c>Dictionary&lt;TKey,TValue&gt;.Entry</c>: <c>hashCode</c> and <c>next</c> (4 bytes each), key and
        /// value, padded to the largest field alignment.
        /// </summary>
        public static int DictionaryEntry(int keySize, int valueSize)
        {
            int alignment = Math.Max(4, Math.Min(8, Math.Max(keySize, valueSize)));
            int raw = 8 + keySize + valueSize;
            return (raw + alignment - 1) / alignment * alignment;
        }

        /// <summary>The length of the chunk <c>StringBuilder.ExpandByABlock</c> allocates.</summary>
        public static int StringBuilderNextChunk(int minBlockCharCount, int currentLength) =>
            Math.Max(minBlockCharCount, Math.Min(currentLength, StringBuilderMaxChunk));
    }
}
