using System.Collections.Generic;
using MemoryAnalyzers.HeapSim.DotNet;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Observable behaviour of the .NET collector: LOH boundary, budgets, promotion, Collect(n), pooling.</summary>
    public class DotNetFidelityTests
    {
        // Measured in .NET 10: GC.GetGeneration(new byte[84975]) == 0 (84,999 bytes), GC.GetGeneration(new byte[84976]) == 2 (85,000 bytes).
        // The threshold applies to the total object size (array header included) before alignment.
        [Theory]
        [InlineData(84_974, false)]
        [InlineData(84_975, false)]
        [InlineData(84_976, true)]
        [InlineData(100_000, true)]
        public void Byte_arrays_cross_the_loh_threshold_where_the_runtime_does(int length, bool large)
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId array = heap.NewArray(ClrTypes.ByteArray, length, 1);
            Assert.Equal(large, heap.IsLargeObject(array));
            Assert.Equal(large ? 2 : 0, heap.GenerationOf(array));
        }

        [Theory]
        [InlineData(84_999, false)]
        [InlineData(85_000, true)]
        public void Loh_threshold_applies_to_total_object_size(int size, bool large)
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            Assert.Equal(large, heap.IsLargeObject(heap.Allocate(ClrTypes.ByteArray, size)));
        }

        [Fact]
        public void Gen0_budget_triggers_a_collection_that_frees_garbage_and_promotes_survivors()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet(DotNetGcSettings.Default with { Gen0Budget = 24 * 100 });
            ObjectId kept = heap.NewObject(ClrTypes.Object);
            heap.StoreGlobal("kept", kept);
            heap.Release(kept);
            for (int i = 0; i < 99; i++)
            {
                heap.Release(heap.NewObject(ClrTypes.Object));
            }

            Assert.Equal(0, heap.CollectionCount(0));
            Assert.Equal(100, heap.LiveObjects);

            heap.Release(heap.NewObject(ClrTypes.Object));

            Assert.Equal(1, heap.CollectionCount(0));
            Assert.Equal(2, heap.LiveObjects);
            Assert.Equal(1, heap.GenerationOf(kept));
        }

        [Fact]
        public void Collect_n_collects_n_and_younger_and_counts_like_GC_CollectionCount()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId o = heap.NewObject(ClrTypes.Object);
            heap.Collect(0);
            Assert.Equal(1, heap.GenerationOf(o));
            heap.Collect(1);
            Assert.Equal(2, heap.GenerationOf(o));
            heap.Release(o);
            Assert.Equal(0, heap.Collect(1));
            Assert.True(heap.IsAlive(o));
            Assert.Equal(1, heap.Collect(2));
            Assert.False(heap.IsAlive(o));

            Assert.Equal(4, heap.CollectionCount(0));
            Assert.Equal(3, heap.CollectionCount(1));
            Assert.Equal(1, heap.CollectionCount(2));
        }

        [Fact]
        public void Large_objects_are_collected_only_with_gen2()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId big = heap.NewArray(ClrTypes.ByteArray, 100_000, 1);
            heap.Release(big);
            heap.Collect(0);
            heap.Collect(1);
            Assert.True(heap.IsAlive(big));
            heap.Collect(2);
            Assert.False(heap.IsAlive(big));
        }

        [Fact]
        public void Old_to_young_references_keep_young_objects_alive_through_ephemeral_collections()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId holder = heap.NewObject(ClrTypes.Object, referenceFields: 1);
            heap.StoreGlobal("holder", holder);
            heap.Release(holder);
            heap.Collect(0);
            heap.Collect(1);
            Assert.Equal(2, heap.GenerationOf(holder));

            ObjectId young = heap.NewObject(ClrTypes.Object);
            heap.SetReference(holder, 0, young);
            heap.Release(young);
            heap.Collect(0);
            Assert.True(heap.IsAlive(young));
            Assert.Equal(1, heap.GenerationOf(young));
            heap.Collect(0);
            heap.Collect(1);
            Assert.True(heap.IsAlive(young));
            Assert.Equal(2, heap.GenerationOf(young));
        }

        [Fact]
        public void Cycles_are_no_problem_for_a_tracing_collector()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId a = heap.NewObject(ClrTypes.Object, 1);
            ObjectId b = heap.NewObject(ClrTypes.Object, 1);
            heap.SetReference(a, 0, b);
            heap.SetReference(b, 0, a);
            heap.Release(a);
            heap.Release(b);
            Assert.Equal(2, heap.Collect(0));
            Assert.Equal(0, heap.LiveObjects);
        }

        [Fact]
        public void Event_subscription_keeps_the_subscriber_alive()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            ObjectId publisher = heap.NewObject(ClrTypes.Object, referenceFields: 1);
            heap.StoreGlobal("publisher", publisher);
            heap.Release(publisher);
            ObjectId subscriber = heap.NewObject(ClrTypes.Object, valueFieldBytes: 1000);
            ObjectId handler = heap.NewDelegate(subscriber);
            heap.Subscribe(publisher, 0, handler);
            ObjectId second = heap.NewDelegate(subscriber);
            heap.Subscribe(publisher, 0, second);
            heap.Release(handler);
            heap.Release(second);
            heap.Release(subscriber);

            heap.Collect(2);
            Assert.True(heap.IsAlive(subscriber));
            heap.SetReference(publisher, 0, ObjectId.Null);
            heap.Collect(2);
            Assert.False(heap.IsAlive(subscriber));
        }

        [Fact]
        public void Pooled_buffers_allocate_once_unpooled_every_time()
        {
            IDotNetHeap pooledHeap = HeapSimulator.CreateDotNet();
            var pool = new SimArrayPool(pooledHeap, ClrTypes.ByteArray, 1);
            for (int i = 0; i < 1000; i++)
            {
                ObjectId buffer = pool.Rent(4000);
                Assert.Equal(4096, pooledHeap.ArrayLength(buffer));
                pool.Return(buffer);
                pooledHeap.Release(buffer);
            }

            IDotNetHeap plainHeap = HeapSimulator.CreateDotNet();
            for (int i = 0; i < 1000; i++)
            {
                plainHeap.Release(plainHeap.NewArray(ClrTypes.ByteArray, 4000, 1));
            }

            Assert.Equal(1, pool.Misses);
            Assert.Equal(999, pool.Hits);
            Assert.Equal(DotNetSizes.Align(DotNetSizes.ArrayRaw(4096, 1)), pooledHeap.TotalAllocatedBytes);
            Assert.Equal(1000 * DotNetSizes.Align(DotNetSizes.ArrayRaw(4000, 1)), plainHeap.TotalAllocatedBytes);
            Assert.Equal(0, pooledHeap.TotalCollections);
            Assert.True(plainHeap.CollectionCount(0) > 0);
        }

        [Fact]
        public void Pool_retains_at_most_its_bucket_capacity()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            var pool = new SimArrayPool(heap, ClrTypes.ByteArray, 1, arraysPerBucket: 2);
            var rented = new List<ObjectId>();
            for (int i = 0; i < 3; i++)
            {
                rented.Add(pool.Rent(16));
            }

            foreach (ObjectId buffer in rented)
            {
                pool.Return(buffer);
                heap.Release(buffer);
            }

            heap.Collect(2);
            Assert.True(heap.IsAlive(rented[0]));
            Assert.True(heap.IsAlive(rented[1]));
            Assert.False(heap.IsAlive(rented[2]));
        }
    }
}
