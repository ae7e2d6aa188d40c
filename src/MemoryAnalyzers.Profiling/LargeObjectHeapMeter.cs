using System;

namespace MemoryAnalyzers.Profiling;

/// <summary>
/// Bytes allocated on the large object heap between two moments, read from the collector's own books. No public
/// counter splits allocated bytes by heap, but the large object heap is never compacted by a gen0 collection, so the
/// bytes in use on it just before a gen0 collection, minus those in use just after the previous one, are the bytes
/// allocated there in between. Each end therefore induces one gen0 collection (blocking, well under a millisecond for
/// a small gen0). A gen2 collection in between frees large objects: its own before/after figures bridge the gap;
/// with more than one, the figure is a lower bound and <see cref="Exact"/> is false.
/// </summary>
internal sealed class LargeObjectHeapMeter
{
    private const int LargeObjectHeap = 3;

    private long _startInUse;
    private long _startIndex;
    private int _gen2AtStart;

    private LargeObjectHeapMeter()
    {
    }

    /// <summary>Whether the last <see cref="Read"/> saw at most one gen2 collection in its interval.</summary>
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
        _startInUse = InUseAfter(info);
        _startIndex = info.Index;
        _gen2AtStart = GC.CollectionCount(2);
    }

    /// <summary>Induces a gen0 collection, returns the large-object bytes allocated since the start, and starts again.</summary>
    public long Read()
    {
        var gen2Collections = GC.CollectionCount(2) - _gen2AtStart;
        InduceGen0();
        var end = GC.GetGCMemoryInfo(GCKind.Any);
        var endInUse = InUseBefore(end);

        long allocated;
        if (gen2Collections == 0)
        {
            allocated = endInUse - _startInUse;
        }
        else
        {
            // The collector keeps the figures of the last collection of each kind; the later of the two is the last gen2.
            var fullBlocking = GC.GetGCMemoryInfo(GCKind.FullBlocking);
            var background = GC.GetGCMemoryInfo(GCKind.Background);
            var last = fullBlocking.Index > background.Index ? fullBlocking : background;
            allocated = last.Index > _startIndex
                ? (InUseBefore(last) - _startInUse) + (endInUse - InUseAfter(last))
                : endInUse - _startInUse;
        }

        Exact = gen2Collections <= 1;

        // The next interval starts at this collection.
        _startInUse = InUseAfter(end);
        _startIndex = end.Index;
        _gen2AtStart = GC.CollectionCount(2);
        return Math.Max(0, allocated);
    }

    private static long InUseBefore(GCMemoryInfo info)
    {
        var loh = info.GenerationInfo[LargeObjectHeap];
        return loh.SizeBeforeBytes - loh.FragmentationBeforeBytes;
    }

    private static long InUseAfter(GCMemoryInfo info)
    {
        var loh = info.GenerationInfo[LargeObjectHeap];
        return loh.SizeAfterBytes - loh.FragmentationAfterBytes;
    }

    private static void InduceGen0() => GC.Collect(0, GCCollectionMode.Forced, blocking: true);
}
