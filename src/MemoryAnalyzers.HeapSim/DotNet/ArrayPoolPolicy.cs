using System.Numerics;

namespace MemoryAnalyzers.HeapSim.DotNet
{
    /// <summary>Bucket arithmetic of <c>ArrayPool&lt;T&gt;.Shared</c> (<c>Utilities.SelectBucketIndex</c>).</summary>
    public static class ArrayPoolPolicy
    {
        /// <summary>Smallest pooled length.</summary>
        public const int MinimumLength = 16;

        /// <summary>Number of buckets: lengths 16 .. 2^30.</summary>
        public const int BucketCount = 27;

        /// <summary>Bucket for a request: <c>Log2((minimumLength - 1) | 15) - 3</c>.</summary>
        public static int SelectBucketIndex(int minimumLength) => BitOperations.Log2((uint)(minimumLength - 1) | 15) - 3;

        /// <summary>Array length served by a bucket: <c>16 &lt;&lt; index</c>.</summary>
        public static int BucketLength(int bucketIndex) => MinimumLength << bucketIndex;
    }
}
