using System;
using System.Linq;
using System.Runtime.CompilerServices;
using Xunit;

namespace MemoryAnalyzers.Profiling.Tests
{
    [Collection(ProcessWide.Name)]
    public sealed class AllocationSamplerTests
    {
        private static object? s_last;

        public sealed class Node
        {
            public long A;
            public long B;
            public Node? Next;
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static void AllocateNodes(int count)
        {
            Node? head = null;
            for (var i = 0; i < count; i++)
            {
                head = new Node { A = i, Next = i % 64 == 0 ? null : head };
            }

            s_last = head;
        }

        [Fact]
        public void Samples_attribute_the_allocated_bytes_to_the_allocated_type()
        {
            AllocateNodes(10);
            using var sampler = AllocationSampler.Start();
            var before = GC.GetAllocatedBytesForCurrentThread();
            AllocateNodes(500_000); // 40 bytes each: 20 MB, about 200 samples.
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var samples = sampler.Stop();

            // The runtime names a nested type by its own name.
            var table = samples.ToTable();
            Assert.True("Node" == samples.Types[0].TypeName, table);
            Assert.False(samples.Types[0].LargeObjectHeap);
            Assert.InRange(samples.SampledBytesOf(typeof(Node)), (long)(allocated * 0.8), (long)(allocated * 1.2));
            Assert.Same(samples, sampler.Stop());
        }

        [Fact]
        public void Large_arrays_are_sampled_as_large_object_heap_allocations()
        {
            using var sampler = AllocationSampler.Start();
            for (var i = 0; i < 20; i++)
            {
                s_last = new byte[200_000];
            }

            var samples = sampler.Stop();
            s_last = null;

            // Every large allocation over the 100 KiB tick is an event of its own.
            var large = samples.Types.Single(t => t.LargeObjectHeap && t.TypeName == "System.Byte[]");
            Assert.Equal(large.SampledBytes, samples.SampledBytesOf(typeof(byte[])));
            Assert.True(large.Samples >= 20, $"{large.Samples} samples");
            Assert.True(large.SampledBytes >= 20 * 200_024, $"{large.SampledBytes} bytes");
        }
    }
}
