using System;

namespace MemoryAnalyzers.HeapSim.Profiling
{
    /// <summary>
    /// The highest number of reachable bytes a heap held: what a program needs, where <see cref="Timeline.PeakLiveBytes"/>
    /// also counts garbage a tracing collector has not collected yet.
    /// </summary>
    /// <remarks>
    /// Reachable bytes grow only by allocation (storing a reference cannot revive an unreachable object), so their peak is
    /// reached right after some allocation, and the last measurement plus the bytes allocated since bounds them from above:
    /// while that bound stays under the peak, no allocation needs a mark. Marking after every other allocation finds the
    /// peak exactly but costs the reachable set each time, quadratic for a program that keeps what it builds. So by default
    /// a mark skips as many small allocations as there are live objects (marking then costs about as many visits as
    /// allocations in all; an allocation of a sixteenth of the peak or more is always measured), and the figure is a lower
    /// bound of the true peak; <see cref="IsExact"/> says whether no allocation that could raise it was skipped.
    /// </remarks>
    public sealed class ReachablePeak : IHeapObserver
    {
        private readonly ISimHeap _heap;
        private readonly bool _everyAllocation;
        private long _skip;
        private long _lastMeasured;
        private long _allocatedSince;

        private ReachablePeak(ISimHeap heap, bool everyAllocation)
        {
            _heap = heap;
            _everyAllocation = everyAllocation;
            PeakReachableBytes = _lastMeasured = heap.ReachableBytes();
        }

        /// <summary>Starts measuring <paramref name="heap"/>; <paramref name="everyAllocation"/> marks after each allocation (exact, quadratic).</summary>
        public static ReachablePeak Attach(ISimHeap heap, bool everyAllocation = false)
        {
            ArgumentNullException.ThrowIfNull(heap);
            var peak = new ReachablePeak(heap, everyAllocation);
            heap.Subscribe(peak);
            return peak;
        }

        /// <summary>The highest reachable bytes measured.</summary>
        public long PeakReachableBytes { get; private set; }

        /// <summary>True while no allocation that could have raised the peak went unmeasured.</summary>
        public bool IsExact { get; private set; } = true;

        /// <summary>Measures now (call it at the end of a run, so the last allocations count even when skipped).</summary>
        public void Measure() => Record(_heap.ReachableBytes());

        /// <inheritdoc />
        public void OnEvent(in HeapEvent heapEvent)
        {
            if (heapEvent.Kind != HeapEventKind.Allocated)
            {
                return;
            }

            _allocatedSince += heapEvent.Size;
            if (_lastMeasured + _allocatedSince <= PeakReachableBytes)
            {
                return;
            }

            if (!_everyAllocation && _skip > 0 && heapEvent.Size * 16 < PeakReachableBytes)
            {
                _skip--;
                IsExact = false;
                return;
            }

            // The new object is not a root yet while its allocation is reported: add it by hand.
            Record(_heap.ReachableBytes() + heapEvent.Size);
            _skip = _heap.LiveObjects;
        }

        private void Record(long reachable)
        {
            _lastMeasured = reachable;
            _allocatedSince = 0;
            PeakReachableBytes = Math.Max(PeakReachableBytes, reachable);
        }
    }
}
