using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    /// <summary>Random operation sequences against both heaps, checked against an independent shadow graph.</summary>
    public class HeapPropertyTests
    {
        private static ISimHeap NewHeap(int kind) => (kind & 3) switch
        {
            0 => NewPython(ObmallocProfile.Modern),
            1 => NewPython(ObmallocProfile.Tutorial),
            2 => HeapSimulator.CreateDotNet(new DotNetGcSettings(512, 1024, 2048, 4096, 1000)),
            _ => HeapSimulator.CreateDotNet(),
        };

        private static ICPythonHeap NewPython(ObmallocProfile profile)
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython(profile);
            heap.SetThreshold(5, 2, 2);
            return heap;
        }

        [Property(MaxTest = 1000)]
        public void Invariants_hold_after_every_operation(int kind, int[] program)
        {
            ISimHeap heap = NewHeap(kind);
            var run = new RandomProgram(heap);
            foreach (int code in program)
            {
                run.Step(code);
                CheckInvariants(heap, run);
            }
        }

        [Property(MaxTest = 300)]
        public void Longer_seeded_programs_keep_invariants(int kind, int seed)
        {
            ISimHeap heap = NewHeap(kind);
            var run = new RandomProgram(heap);
            var random = new System.Random(seed);
            for (int i = 0; i < 300; i++)
            {
                run.Step(random.Next());
                if (i % 25 == 24)
                {
                    CheckInvariants(heap, run);
                }
            }

            heap.Collect(2);
            CheckInvariants(heap, run, fullCollection: true);
        }

        [Property(MaxTest = 500)]
        public void Same_program_gives_the_same_trace(int kind, int[] program)
        {
            Assert.Equal(Trace(kind, program), Trace(kind, program));
        }

        [Property(MaxTest = 300)]
        public void Pymalloc_accounting_matches_live_objects(bool tutorial, int[] program)
        {
            var heap = (CPythonHeap)NewPython(tutorial ? ObmallocProfile.Tutorial : ObmallocProfile.Modern);
            var run = new RandomProgram(heap);
            foreach (int code in program)
            {
                run.Step(code);
            }

            long expectedSmall = 0;
            long expectedLarge = 0;
            foreach (ObjectId id in heap.LiveObjectIds())
            {
                (int header, int buffer) = heap.RequestsOf(id);
                foreach (int request in new[] { header, buffer })
                {
                    if (request == 0)
                    {
                        continue;
                    }

                    if (SizeClassPolicy.IsSmall(request, heap.Profile))
                    {
                        expectedSmall += SizeClassPolicy.RoundedRequest(request, heap.Profile);
                    }
                    else
                    {
                        expectedLarge += request;
                    }
                }
            }

            PyMallocStats stats = heap.MallocStats();
            Assert.Equal(expectedSmall, stats.BytesInUse);
            Assert.Equal(expectedLarge, stats.LargeBytes);
            Assert.True(stats.ArenaBytes >= stats.BytesInUse);
        }

        private static List<HeapEvent> Trace(int kind, int[] program)
        {
            ISimHeap heap = NewHeap(kind);
            var trace = new TraceRecorder();
            heap.Subscribe(trace);
            var run = new RandomProgram(heap);
            foreach (int code in program)
            {
                run.Step(code);
            }

            heap.Collect(2);
            return trace.Events;
        }

        private static void CheckInvariants(ISimHeap heap, RandomProgram run, bool fullCollection = false)
        {
            IReadOnlyList<ObjectId> live = heap.LiveObjectIds();
            long bytes = 0;
            var refs = new Dictionary<ObjectId, int>();
            foreach (ObjectId id in live)
            {
                bytes += heap.SizeOf(id);
                for (int s = 0; s < heap.SlotCount(id); s++)
                {
                    ObjectId target = heap.GetReference(id, s);
                    if (!target.IsNull)
                    {
                        refs[target] = refs.GetValueOrDefault(target) + 1;
                    }
                }
            }

            foreach (ObjectId root in heap.RootReferences())
            {
                refs[root] = refs.GetValueOrDefault(root) + 1;
            }

            Assert.Equal(bytes, heap.LiveBytes);
            Assert.Equal(live.Count, heap.LiveObjects);
            foreach (ObjectId id in live)
            {
                Assert.Equal(refs.GetValueOrDefault(id), heap.ReferenceCount(id));
            }

            HashSet<ObjectId> reachable = run.Reachable();
            long reachableBytes = 0;
            foreach (ObjectId id in reachable)
            {
                reachableBytes += heap.SizeOf(id);
            }

            Assert.Equal(reachableBytes, heap.ReachableBytes());
            foreach (ObjectId id in reachable)
            {
                Assert.True(heap.IsAlive(id), $"reachable object {id} was freed");
                ObjectId[] shadow = run.ShadowSlots(id);
                for (int s = 0; s < shadow.Length; s++)
                {
                    Assert.Equal(shadow[s], heap.GetReference(id, s));
                }
            }

            if (fullCollection || run.LastWasFullCollection)
            {
                Assert.Equal(reachable.Count, live.Count);
            }
        }
    }
}
