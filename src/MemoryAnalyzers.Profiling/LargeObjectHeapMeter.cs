using System;

namespace MemoryAnalyzers.Profiling
{
    /// <summary>
    /// Bytes allocated on the large object heap between two moments, read from the collector's own books. No public
    /// counter splits allocated bytes by heap, but the large object heap is never compacted by a gen0 collection, so the
    /// bytes in use on it just before a gen0 collection, minus those in use just after the previous one, are the bytes
    /// allocated there in between. Each end therefore induces one gen0 collection (blocking, well under a millisecond for
    /// a small gen0). Gen2 collections in between free large objects: their own before/after figures, recorded as they
    /// happen (<see cref="Gen2Collections"/>), bridge each gap. When a gen2 went unrecorded the figure is a lower bound
    /// and <see cref="Exact"/> is false.
    /// </summary>
    internal sealed class LargeObjectHeapMeter : IDisposable
    {
        private long _startInUse;
        private long _startIndex;
        private int _gen2AtStart;
        private bool _disposed;

        private LargeObjectHeapMeter()
        {
            Gen2Collections.Acquire();
        }

        /// <summary>Whether the last <see cref="Read"/> saw every gen2 collection of its interval.</summary>
        public bool Exact { get; private set; } = true;

        /// <summary>Induces a gen0 collection (one collection the caller does not count) and starts counting.</summary>
        public static LargeObjectHeapMeter Start()
        {
            var meter = new LargeObjectHeapMeter();
            meter.Restart();
            return meter;
        }

        /// <summary>Restarts counting from now (after a collection of the caller's own, for instance).</summary>
        public void Restart()
        {
            InduceGen0();
            var info = GC.GetGCMemoryInfo(GCKind.Any);
            _startInUse = Gen2Collections.InUseAfter(info);
            _startIndex = info.Index;
            _gen2AtStart = GC.CollectionCount(2);
        }

        /// <summary>Induces a gen0 collection, returns the large-object bytes allocated since the start, and starts again.</summary>
        public long Read()
        {
            var gen2Collections = GC.CollectionCount(2) - _gen2AtStart;
            if (gen2Collections > 0)
            {
                // Let the finalizer thread record the gen2 collections of the interval.
                GC.WaitForPendingFinalizers();
            }

            InduceGen0();
            var end = GC.GetGCMemoryInfo(GCKind.Any);
            var between = gen2Collections > 0 ? Gen2Collections.Between(_startIndex, end.Index) : new();

            // Allocated = what each stretch between two collections added: from the start to the first gen2, from each gen2
            // to the next, from the last to the end.
            long allocated = 0;
            var from = _startInUse;
            foreach (var gen2 in between)
            {
                allocated += Math.Max(0, gen2.LargeObjectsBefore - from);
                from = gen2.LargeObjectsAfter;
            }

            allocated += Math.Max(0, Gen2Collections.InUseBefore(end) - from);
            Exact = between.Count == gen2Collections;

            // The next interval starts at this collection.
            _startInUse = Gen2Collections.InUseAfter(end);
            _startIndex = end.Index;
            _gen2AtStart = GC.CollectionCount(2);
            return allocated;
        }

        /// <summary>Stops recording gen2 collections for this meter.</summary>
        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                Gen2Collections.Release();
            }
        }

        private static void InduceGen0() => GC.Collect(0, GCCollectionMode.Forced, blocking: true);
    }
}
