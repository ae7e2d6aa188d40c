using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Pure policy functions against exact-value tables.</summary>
    public class PolicyTests
    {
        // Objects/obmalloc.c: size class = (nbytes - 1) >> ALIGNMENT_SHIFT; block = (class + 1) << ALIGNMENT_SHIFT.
        [Theory]
        [InlineData(1, 8, 0, 8)]
        [InlineData(8, 8, 0, 8)]
        [InlineData(9, 8, 1, 16)]
        [InlineData(56, 8, 6, 56)]
        [InlineData(512, 8, 63, 512)]
        [InlineData(1, 16, 0, 16)]
        [InlineData(56, 16, 3, 64)]
        [InlineData(512, 16, 31, 512)]
        public void Size_classes(int nbytes, int alignment, int expectedClass, int expectedBlock)
        {
            ObmallocProfile profile = alignment == 8 ? ObmallocProfile.Tutorial : ObmallocProfile.Modern;
            Assert.Equal(expectedClass, SizeClassPolicy.SizeClassIndex(nbytes, profile));
            Assert.Equal(expectedBlock, SizeClassPolicy.RoundedRequest(nbytes, profile));
        }

        [Theory]
        [InlineData(0, false)]
        [InlineData(1, true)]
        [InlineData(512, true)]
        [InlineData(513, false)]
        public void Small_request_threshold(int nbytes, bool small) => Assert.Equal(small, SizeClassPolicy.IsSmall(nbytes, ObmallocProfile.Modern));

        // (4096 - 48) / block, (16384 - 48) / block
        [Theory]
        [InlineData(8, 8, 506)]
        [InlineData(56, 8, 72)]
        [InlineData(512, 8, 7)]
        [InlineData(16, 16, 1021)]
        [InlineData(64, 16, 255)]
        [InlineData(512, 16, 31)]
        public void Blocks_per_pool(int blockSize, int alignment, int expected)
        {
            ObmallocProfile profile = alignment == 8 ? ObmallocProfile.Tutorial : ObmallocProfile.Modern;
            Assert.Equal(expected, SizeClassPolicy.BlocksPerPool(SizeClassPolicy.SizeClassIndex(blockSize, profile), profile));
        }

        [Fact]
        public void Profiles_have_64_pools_per_arena_and_their_class_counts()
        {
            Assert.Equal(64, ObmallocProfile.Tutorial.PoolsPerArena);
            Assert.Equal(64, ObmallocProfile.Modern.PoolsPerArena);
            Assert.Equal(64, ObmallocProfile.Tutorial.SizeClassCount);
            Assert.Equal(32, ObmallocProfile.Modern.SizeClassCount);
        }

        // list_resize (3.11) from the measured appends: capacity after growing to newSize.
        [Theory]
        [InlineData(0, 0, 1, 4)]
        [InlineData(4, 4, 5, 8)]
        [InlineData(8, 8, 9, 16)]
        [InlineData(16, 16, 17, 24)]
        [InlineData(24, 24, 25, 32)]
        [InlineData(32, 32, 33, 40)]
        [InlineData(40, 40, 41, 52)]
        [InlineData(52, 52, 53, 64)]
        [InlineData(64, 64, 65, 76)]
        [InlineData(2, 4, 3, 4)]
        public void Python_list_growth(int size, int allocated, int newSize, int expected) =>
            Assert.Equal(expected, CPythonSizes.ListGrowth(size, allocated, newSize));

        [Theory]
        [InlineData(5, 4)]
        [InlineData(10, 5)]
        [InlineData(21, 6)]
        [InlineData(42, 7)]
        [InlineData(85, 8)]
        public void Python_dict_growth(int used, int expectedLog2) => Assert.Equal(expectedLog2, CPythonSizes.DictNextLog2Size(used));

        [Theory]
        [InlineData(4, 4, 8, 8)]
        [InlineData(5, 5, 8, 32)]
        [InlineData(18, 18, 32, 32)]
        [InlineData(19, 19, 32, 128)]
        [InlineData(77, 77, 128, 512)]
        public void Python_set_growth(int fill, int used, int table, int expected) =>
            Assert.Equal(expected, CPythonSizes.SetTableAfterInsert(fill, used, table));

        [Theory]
        [InlineData(0, 4)]
        [InlineData(4, 8)]
        [InlineData(8, 16)]
        [InlineData(1024, 2048)]
        public void DotNet_list_growth_doubles(int capacity, int expected) => Assert.Equal(expected, DotNetSizes.ListNextCapacity(capacity, capacity + 1));

        [Theory]
        [InlineData(0, 3)]
        [InlineData(3, 3)]
        [InlineData(4, 7)]
        [InlineData(10, 11)]
        [InlineData(12, 17)]
        public void DotNet_hash_primes(int min, int expected) => Assert.Equal(expected, DotNetSizes.HashPrime(min));

        [Theory]
        [InlineData(4, 4, 16)]
        [InlineData(8, 8, 24)]
        [InlineData(8, 4, 24)]
        [InlineData(4, 8, 24)]
        public void DotNet_dictionary_entry_size(int key, int value, int expected) => Assert.Equal(expected, DotNetSizes.DictionaryEntry(key, value));

        // ArrayPool<T>.Shared buckets: 16, 32, 64, ... ; SelectBucketIndex = Log2((n - 1) | 15) - 3.
        [Theory]
        [InlineData(1, 0, 16)]
        [InlineData(16, 0, 16)]
        [InlineData(17, 1, 32)]
        [InlineData(100, 3, 128)]
        [InlineData(1024, 6, 1024)]
        [InlineData(1025, 7, 2048)]
        [InlineData(1_048_576, 16, 1_048_576)]
        public void Array_pool_buckets(int request, int expectedBucket, int expectedLength)
        {
            int bucket = ArrayPoolPolicy.SelectBucketIndex(request);
            Assert.Equal(expectedBucket, bucket);
            Assert.Equal(expectedLength, ArrayPoolPolicy.BucketLength(bucket));
        }

        [Theory]
        [InlineData(700, 700, false)]
        [InlineData(701, 700, true)]
        [InlineData(10, 0, false)]
        public void Gc_trigger_is_strictly_greater_than_threshold(int count, int threshold, bool expected) =>
            Assert.Equal(expected, GcPolicy.ShouldCollect(count, threshold, enabled: true, collecting: false));

        [Theory]
        [InlineData(701, 0, 0, 0, 0, 0)]
        [InlineData(701, 11, 0, 0, 0, 1)]
        [InlineData(701, 11, 11, 0, 0, 2)]
        [InlineData(701, 11, 11, 24, 100, 1)]
        [InlineData(701, 11, 11, 25, 100, 2)]
        [InlineData(700, 10, 10, 0, 0, -1)]
        public void Gc_selects_oldest_generation_over_threshold_with_long_lived_rule(int c0, int c1, int c2, long pending, long total, int expected) =>
            Assert.Equal(expected, GcPolicy.SelectGeneration([c0, c1, c2], [700, 10, 10], pending, total));

        [Theory]
        [InlineData(1, 16, 16)]
        [InlineData(17, 16, 17)]
        [InlineData(1, 32, 32)]
        [InlineData(1, 20000, 8000)]
        public void StringBuilder_chunk_policy(int minimum, int length, int expected) =>
            Assert.Equal(expected, DotNetSizes.StringBuilderNextChunk(minimum, length));
    }
}
