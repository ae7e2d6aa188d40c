using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>Live bytes at a point of the logical clock.</summary>
    /// <param name="Clock">Heap clock.</param>
    /// <param name="LiveBytes">Live bytes after the event.</param>
    public readonly record struct TimelineSample(long Clock, long LiveBytes);

    /// <summary>A garbage collection seen by a <see cref="Timeline"/>.</summary>
    /// <param name="Clock">Heap clock.</param>
    /// <param name="Generation">Collected generation.</param>
    /// <param name="Unreachable">Objects found unreachable.</param>
    /// <param name="FreedBytes">Bytes they occupied.</param>
    public readonly record struct TimelineCollection(long Clock, int Generation, int Unreachable, long FreedBytes);

    /// <summary>
    /// An observer that records live bytes, peak, allocations, frees and collections over the logical clock.
    /// It only listens: attaching it never changes what the heap does.
    /// </summary>
    public sealed class Timeline : IHeapObserver
    {
        private readonly List<TimelineSample> _samples = new();
        private readonly List<TimelineCollection> _collections = new();
        private readonly int _sampleEvery;
        private long _events;

        /// <summary>Creates a timeline keeping one sample per <paramref name="sampleEvery"/> events (collections are always kept).</summary>
        public Timeline(int sampleEvery = 1)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleEvery);
            _sampleEvery = sampleEvery;
        }

        /// <summary>Creates a timeline and subscribes it to <paramref name="heap"/>.</summary>
        public static Timeline Attach(ISimHeap heap, int sampleEvery = 1)
        {
            ArgumentNullException.ThrowIfNull(heap);
            var timeline = new Timeline(sampleEvery);
            timeline._samples.Add(new TimelineSample(heap.Clock, heap.LiveBytes));
            timeline.PeakLiveBytes = heap.LiveBytes;
            heap.Subscribe(timeline);
            return timeline;
        }

        /// <summary>Recorded samples in clock order.</summary>
        public IReadOnlyList<TimelineSample> Samples => _samples;

        /// <summary>Recorded collections in clock order.</summary>
        public IReadOnlyList<TimelineCollection> Collections => _collections;

        /// <summary>Highest live bytes seen (every event counts, sampled or not).</summary>
        public long PeakLiveBytes { get; private set; }

        /// <summary>Allocations seen.</summary>
        public long Allocations { get; private set; }

        /// <summary>Frees seen.</summary>
        public long Frees { get; private set; }

        /// <inheritdoc />
        public void OnEvent(in HeapEvent heapEvent)
        {
            switch (heapEvent.Kind)
            {
                case HeapEventKind.Allocated:
                    Allocations++;
                    break;
                case HeapEventKind.Freed:
                    Frees++;
                    break;
                default:
                    _collections.Add(new TimelineCollection(heapEvent.Clock, heapEvent.Generation, heapEvent.Count, heapEvent.Size));
                    break;
            }

            PeakLiveBytes = Math.Max(PeakLiveBytes, heapEvent.LiveBytes);
            if (++_events % _sampleEvery == 0 || heapEvent.Kind == HeapEventKind.Collected)
            {
                _samples.Add(new TimelineSample(heapEvent.Clock, heapEvent.LiveBytes));
            }
        }

        /// <summary>Renders a text table of at most <paramref name="rows"/> evenly spaced samples with a bar per row.</summary>
        public string RenderText(int rows = 20)
        {
            CultureInfo inv = CultureInfo.InvariantCulture;
            var sb = new StringBuilder();
            sb.Append(inv, $"allocations {Allocations}, frees {Frees}, collections {_collections.Count}, peak {PeakLiveBytes} bytes\n");
            sb.Append("     clock    live bytes  \n");
            sb.Append("---------- ------------- -\n");
            long max = Math.Max(1, PeakLiveBytes);
            int step = Math.Max(1, (_samples.Count + rows - 1) / Math.Max(1, rows));
            for (int i = 0; i < _samples.Count; i += step)
            {
                TimelineSample s = _samples[i];
                int bar = (int)(40 * s.LiveBytes / max);
                sb.Append(inv, $"{s.Clock,10} {s.LiveBytes,13} {new string('#', bar)}\n");
            }

            return sb.ToString();
        }

        /// <summary>Renders live bytes over the clock as a self-contained SVG document (no script).</summary>
        public string RenderSvg(int width = 640, int height = 320, string title = "Live bytes over time") =>
            TimelineSvg.Render(this, width, height, title);
    }
}
