using System;
using System.Collections.Generic;
using System.Linq;
using MemoryAnalyzers.Demo.Rendering;
using MemoryAnalyzers.HeapSim;
using MemoryAnalyzers.HeapSim.DotNet;
using MemoryAnalyzers.HeapSim.Profiling;

namespace MemoryAnalyzers.Demo.Simulation
{
    /// <summary>An original and a fixed run of one scenario on the simulator, and the blocks that show them.</summary>
    internal sealed record SimulatedComparison(SimulatedRun Original, SimulatedRun Fixed, IReadOnlyList<Block> Blocks)
    {
        /// <summary>What the replay shows, when the peak or the retained bytes do not say it (the end of the report's verdict).</summary>
        public string? Verdict { get; init; }
    }

    /// <summary>
    /// The highest reachable bytes of a run; when not every allocation was measured (a mark per allocation is quadratic),
    /// a lower bound, shown with "≥".
    /// </summary>
    internal readonly record struct ReachablePeakFigure(long Bytes, bool IsExact)
    {
        public override string ToString() => (IsExact ? "" : "≥ ") + Format.Bytes(Bytes);
    }

    /// <summary>What a scenario did to the simulated .NET heap: live bytes over time, peak, totals, collections, LOH use.</summary>
    internal sealed record SimulatedRun(
        string Name,
        IReadOnlyList<(double X, double Y)> LiveBytes,
        long PeakLiveBytes,
        ReachablePeakFigure PeakReachable,
        long TotalAllocatedBytes,
        long Allocations,
        (int Gen0, int Gen1, int Gen2) Collections,
        long LargeObjectAllocations,
        long LargeObjectBytes,
        long RetainedBytes)
    {
        /// <summary>Runs <paramref name="scenario"/> on a fresh simulated .NET heap (with <paramref name="settings"/>, or the default budgets) and records it.</summary>
        public static SimulatedRun Of(string name, Action<IDotNetHeap> scenario, DotNetGcSettings? settings = null)
        {
            var heap = HeapSimulator.CreateDotNet(settings);
            var timeline = Timeline.Attach(heap);
            var reachable = ReachablePeak.Attach(heap);
            var largeObjects = new LargeObjectCounter(heap);
            heap.Subscribe(largeObjects);
            heap.EnterFrame(name);
            scenario(heap);
            reachable.Measure();
            heap.LeaveFrame();
            heap.Unsubscribe(largeObjects);
            var collections = (heap.CollectionCount(0), heap.CollectionCount(1), heap.CollectionCount(2));

            // What the scenario leaves behind once its frame is gone and everything unreachable is collected.
            heap.Collect(2);
            return new SimulatedRun(
                name,
                Downsample(timeline.Samples.Select(s => ((double)s.Clock, (double)s.LiveBytes)).ToList(), 400),
                timeline.PeakLiveBytes,
                new ReachablePeakFigure(reachable.PeakReachableBytes, reachable.IsExact),
                heap.TotalAllocatedBytes,
                timeline.Allocations,
                collections,
                largeObjects.Count,
                largeObjects.Bytes,
                heap.LiveBytes);
        }

        /// <summary>The blocks that compare an original and a fixed run side by side.</summary>
        public static SimulatedComparison Compare(string caption, SimulatedRun original, SimulatedRun fixedRun)
        {
            var rows = new List<IReadOnlyList<string>>
            {
                new[] { "peak live bytes", Format.Bytes(original.PeakLiveBytes), Format.Bytes(fixedRun.PeakLiveBytes) },
                new[] { "peak reachable bytes", original.PeakReachable.ToString(), fixedRun.PeakReachable.ToString() },
                new[] { "total allocated", Format.Bytes(original.TotalAllocatedBytes), Format.Bytes(fixedRun.TotalAllocatedBytes) },
                new[] { "allocations", Format.Count(original.Allocations), Format.Count(fixedRun.Allocations) },
                new[] { "collections 0/1/2", CollectionCounts(original), CollectionCounts(fixedRun) },
                new[] { "LOH allocations", Format.Count(original.LargeObjectAllocations), Format.Count(fixedRun.LargeObjectAllocations) },
                new[] { "LOH bytes", Format.Bytes(original.LargeObjectBytes), Format.Bytes(fixedRun.LargeObjectBytes) },
                new[] { "retained afterwards", Format.Bytes(original.RetainedBytes), Format.Bytes(fixedRun.RetainedBytes) },
            };
            return new SimulatedComparison(original, fixedRun, new Block[]
            {
                new TableBlock(caption, new[] { "simulated .NET heap", original.Name, fixedRun.Name }, rows),
                new ChartBlock(
                    "Live bytes over simulated time (each step is one heap operation)",
                    "operations",
                    "bytes",
                    new[] { new ChartSeries(original.Name, original.LiveBytes), new ChartSeries(fixedRun.Name, fixedRun.LiveBytes) },
                    OverTime: true),
            });
        }

        private static string CollectionCounts(SimulatedRun run) => $"{run.Collections.Gen0}/{run.Collections.Gen1}/{run.Collections.Gen2}";

        /// <summary>At most <paramref name="maximum"/> points, keeping each bucket's highest value so peaks survive.</summary>
        public static IReadOnlyList<(double X, double Y)> Downsample(List<(double X, double Y)> points, int maximum)
        {
            if (points.Count <= maximum)
            {
                return points;
            }

            var result = new List<(double X, double Y)>(maximum);
            for (var bucket = 0; bucket < maximum; bucket++)
            {
                var from = bucket * points.Count / maximum;
                var to = (bucket + 1) * points.Count / maximum;
                var peak = points[from];
                for (var i = from + 1; i < to; i++)
                {
                    if (points[i].Y > peak.Y)
                    {
                        peak = points[i];
                    }
                }

                result.Add(peak);
            }

            return result;
        }

        private sealed class LargeObjectCounter : IHeapObserver
        {
            private readonly IDotNetHeap _heap;

            public LargeObjectCounter(IDotNetHeap heap) => _heap = heap;

            public long Count { get; private set; }

            public long Bytes { get; private set; }

            public void OnEvent(in HeapEvent heapEvent)
            {
                if (heapEvent.Kind == HeapEventKind.Allocated && _heap.IsLargeObject(heapEvent.Object))
                {
                    Count++;
                    Bytes += heapEvent.Size;
                }
            }
        }
    }
}
