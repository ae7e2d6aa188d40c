using System.Xml.Linq;
using MemoryAnalyzers.HeapSim.CPython;
using MemoryAnalyzers.HeapSim.DotNet;
using MemoryAnalyzers.HeapSim.Profiling;
using Xunit;

namespace MemoryAnalyzers.HeapSim.Tests
{
    public class ProfilingTests
    {
        [Fact]
        public void Reachable_peak_leaves_out_garbage_that_peak_live_counts()
        {
            // s = ""; for 200 steps: s += "x"  on a tracing heap with a large gen0 budget: nothing is collected, so live
            // bytes hold every intermediate string while only the current one is reachable.
            IDotNetHeap heap = HeapSimulator.CreateDotNet(DotNetGcSettings.Default with { Gen0Budget = 1 << 24 });
            var timeline = Timeline.Attach(heap);
            var exact = ReachablePeak.Attach(heap, everyAllocation: true);
            var sampled = ReachablePeak.Attach(heap);
            heap.EnterFrame("f");
            ObjectId first = heap.NewString(0);
            heap.StoreLocal("s", first);
            heap.Release(first);
            long previous = heap.SizeOf(first), current = previous;
            for (var i = 1; i <= 200; i++)
            {
                ObjectId next = heap.NewString(i);
                (previous, current) = (current, heap.SizeOf(next));
                heap.StoreLocal("s", next);
                heap.Release(next);
            }

            sampled.Measure();

            // At its highest, the heap reaches the last two strings (the new one before it replaces the old one).
            Assert.True(exact.IsExact);
            Assert.Equal(previous + current, exact.PeakReachableBytes);
            Assert.True(timeline.PeakLiveBytes > 50 * (previous + current), $"{timeline.PeakLiveBytes}");
            Assert.InRange(sampled.PeakReachableBytes, current, exact.PeakReachableBytes);
        }

        [Fact]
        public void Deep_size_counts_shared_objects_once_and_shallow_size_only_the_object()
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            ObjectId text = heap.NewStr("hello");
            ObjectId list = heap.NewList();
            heap.Append(list, text);
            heap.Append(list, text);
            ObjectId cycle = heap.NewList();
            heap.Append(cycle, list);
            heap.Append(list, cycle);

            Assert.Equal(88, SizeViews.ShallowSize(heap, list));
            Assert.Equal(88 + 54 + 88, SizeViews.DeepSize(heap, list));
            Assert.Equal("type       list\ngetsizeof            88 bytes\nasizeof             230 bytes\n", SizeViews.Render(heap, list));
        }

        [Fact]
        public void Heap_summary_groups_by_type_largest_first()
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            for (int i = 0; i < 3; i++)
            {
                heap.NewStr("abc");
            }

            heap.NewList();
            TypeSummary summary = TypeSummary.Take(heap);

            Assert.Equal(4, summary.TotalCount);
            Assert.Equal((3 * 52) + 56, summary.TotalBytes);
            Assert.Equal(new TypeRow("str", 3, 156), summary.Rows[0]);
            Assert.Equal(new TypeRow("list", 1, 56), summary.Rows[1]);
            string text = summary.Render();
            Assert.StartsWith("Partition of a set of 4 objects. Total size = 212 bytes.", text);
            Assert.Contains("     0      3  75      156  73        156  73 str", text);
        }

        [Fact]
        public void Tracker_reports_only_what_changed()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet();
            heap.Release(heap.NewString(10));
            var tracker = new SummaryTracker(heap);
            for (int i = 0; i < 1000; i++)
            {
                heap.Release(heap.Box(4));
            }

            var diff = tracker.Diff();
            Assert.Equal(new TypeDelta(ClrTypes.Boxed.Name, 1000, 24_000), diff.Single());
            Assert.Empty(tracker.Diff());
            heap.Collect(2);
            string text = tracker.PrintDiff();
            Assert.Contains("System.String |          -1 |        -48 B", text);
            Assert.Contains("System.ValueType (boxed) |       -1000 |    -23.44 KB", text);
        }

        [Fact]
        public void Memory_profile_records_footprint_and_increment_per_step()
        {
            ICPythonHeap heap = HeapSimulator.CreateCPython();
            var profile = new MemoryProfile(heap);
            ObjectId one = ObjectId.Null;
            profile.Step("one = 1.0", h => one = ((ICPythonHeap)h).NewFloat())
                   .Step("a = [one] * 1000000", h => ((ICPythonHeap)h).NewList(one, 1_000_000))
                   .Step("del a", h => h.Release(h.LiveObjectIds()[1]));

            Assert.Equal(1024 * 1024, profile.Lines[0].IncrementBytes);
            Assert.Equal((1024 * 1024) + 8_000_000, profile.Lines[1].MemoryBytes);
            Assert.Equal(-8_000_000, profile.Lines[2].IncrementBytes);
            Assert.Contains("     2    8.6294 MiB    7.6294 MiB            1   a = [one] * 1000000", profile.Render());
        }

        [Fact]
        public void Timeline_records_peak_allocations_collections_and_renders_svg()
        {
            IDotNetHeap heap = HeapSimulator.CreateDotNet(DotNetGcSettings.Default with { Gen0Budget = 10_000 });
            Timeline timeline = Timeline.Attach(heap);
            for (int i = 0; i < 2_000; i++)
            {
                heap.Release(heap.NewObject(ClrTypes.Object));
            }

            Assert.Equal(2_000, timeline.Allocations);
            Assert.Equal(heap.TotalCollections, timeline.Collections.Count);
            Assert.True(timeline.Collections.Count >= 4);
            Assert.Equal(heap.PeakLiveBytes, timeline.PeakLiveBytes);
            Assert.True(timeline.PeakLiveBytes <= 10_000);

            string svg = timeline.RenderSvg();
            XElement root = XElement.Parse(svg);
            XNamespace ns = "http://www.w3.org/2000/svg";
            Assert.Equal(ns + "svg", root.Name);
            Assert.NotNull(root.Element(ns + "polyline"));
            Assert.DoesNotContain("<script", svg);
            Assert.Contains("live bytes", svg);
            Assert.Contains("operation (logical clock)", svg);
            Assert.Contains("allocations 2000", timeline.RenderText());
        }
    }
}
