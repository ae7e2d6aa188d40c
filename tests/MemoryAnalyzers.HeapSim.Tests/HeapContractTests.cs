using System.Collections.Generic;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Invariants every heap satisfies, whatever its collection policy.</summary>
    public class HeapContractTests
    {
        public static IEnumerable<object[]> Heaps => HeapFactories.All();

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Allocation_adds_its_size_to_live_bytes(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            ObjectId a = heap.Allocate(HeapFactories.Node, 48, 2);
            ObjectId b = heap.Allocate(HeapFactories.Leaf, 32);
            Assert.Equal(heap.SizeOf(a) + heap.SizeOf(b), heap.LiveBytes);
            Assert.Equal(2, heap.LiveObjects);
            Assert.Equal(heap.LiveBytes, heap.TotalAllocatedBytes);
            Assert.Equal(HeapFactories.Node, heap.TypeOf(a));
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Rooted_objects_survive_a_full_collection_and_unrooted_ones_do_not(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            ObjectId kept = heap.Allocate(HeapFactories.Node, 48, 1);
            ObjectId child = heap.Allocate(HeapFactories.Leaf, 32);
            heap.SetReference(kept, 0, child);
            heap.StoreGlobal("kept", kept);
            heap.Release(kept);
            heap.Release(child);
            ObjectId lost = heap.Allocate(HeapFactories.Node, 48, 1);
            heap.SetReference(lost, 0, lost);
            heap.Release(lost);

            heap.Collect(2);

            Assert.True(heap.IsAlive(kept));
            Assert.True(heap.IsAlive(child));
            Assert.False(heap.IsAlive(lost));
            Assert.Equal(heap.SizeOf(kept) + heap.SizeOf(child), heap.LiveBytes);
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Leaving_a_frame_releases_its_locals(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            heap.EnterFrame("f");
            ObjectId local = heap.Allocate(HeapFactories.Node, 48);
            heap.StoreLocal("x", local);
            heap.Release(local);
            Assert.Equal(1, heap.ReferenceCount(local));
            heap.LeaveFrame();
            heap.Collect(2);
            Assert.False(heap.IsAlive(local));
            Assert.Equal(0, heap.LiveBytes);
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Handles_root_objects_until_freed(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            ObjectId obj = heap.Allocate(HeapFactories.Leaf, 40);
            int handle = heap.AllocHandle(obj);
            heap.Release(obj);
            heap.Collect(2);
            Assert.True(heap.IsAlive(obj));
            heap.FreeHandle(handle);
            heap.Collect(2);
            Assert.False(heap.IsAlive(obj));
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Every_operation_advances_the_clock_by_one(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            long start = heap.Clock;
            ObjectId a = heap.Allocate(HeapFactories.Node, 48, 1);
            heap.SetReference(a, 0, a);
            heap.StoreLocal("a", a);
            heap.Release(a);
            heap.DeleteLocal("a");
            heap.Collect(2);
            Assert.Equal(start + 6, heap.Clock);
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Freed_handles_are_never_confused_with_new_objects(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            ObjectId old = heap.Allocate(HeapFactories.Leaf, 32);
            heap.Release(old);
            heap.Collect(2);
            ObjectId reused = heap.Allocate(HeapFactories.Leaf, 32);
            Assert.Equal(old.Index, reused.Index);
            Assert.NotEqual(old, reused);
            Assert.False(heap.IsAlive(old));
            Assert.Throws<System.ArgumentException>(() => heap.SizeOf(old));
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Reference_counts_count_slots_and_roots(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            ObjectId target = heap.Allocate(HeapFactories.Leaf, 32);
            ObjectId holder = heap.Allocate(HeapFactories.Node, 48, 2);
            heap.SetReference(holder, 0, target);
            heap.SetReference(holder, 1, target);
            heap.StoreGlobal("t", target);
            Assert.Equal(4, heap.ReferenceCount(target));
            Assert.Equal(4, CountReferences(heap, target));
        }

        [Theory]
        [MemberData(nameof(Heaps))]
        public void Observers_see_allocations_frees_and_collections(HeapFactory factory)
        {
            ISimHeap heap = factory.Create();
            var trace = new TraceRecorder();
            heap.Subscribe(trace);
            ObjectId a = heap.Allocate(HeapFactories.Node, 48, 1);
            heap.SetReference(a, 0, a);
            heap.Release(a);
            heap.Collect(2);
            heap.Unsubscribe(trace);
            heap.Allocate(HeapFactories.Leaf, 32);

            Assert.Equal([HeapEventKind.Allocated, HeapEventKind.Freed, HeapEventKind.Collected], trace.Kinds());
            Assert.Equal(0, trace.Events[0].Generation);
            Assert.Equal(2, trace.Events[2].Generation);
            Assert.InRange(trace.Events[1].Generation, 0, 2);
            Assert.Equal(a, trace.Events[1].Object);
            Assert.Equal(trace.Events[0].Size, trace.Events[1].Size);
            Assert.Equal(0, trace.Events[2].LiveBytes);
        }

        internal static int CountReferences(ISimHeap heap, ObjectId target)
        {
            int count = 0;
            foreach (ObjectId root in heap.RootReferences())
            {
                count += root == target ? 1 : 0;
            }

            foreach (ObjectId holder in heap.LiveObjectIds())
            {
                for (int s = 0; s < heap.SlotCount(holder); s++)
                {
                    count += heap.GetReference(holder, s) == target ? 1 : 0;
                }
            }

            return count;
        }
    }

    /// <summary>Records events, for determinism and observer checks.</summary>
    public sealed class TraceRecorder : IHeapObserver
    {
        public List<HeapEvent> Events { get; } = new();

        public void OnEvent(in HeapEvent heapEvent) => Events.Add(heapEvent);

        public List<HeapEventKind> Kinds() => Events.ConvertAll(e => e.Kind);
    }
}
